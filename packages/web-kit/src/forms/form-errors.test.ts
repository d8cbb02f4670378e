import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { describeError, describeFieldError, toFormErrors } from './form-errors.ts';

const validation = (errors: ApiError['errors']) =>
  new ApiError({
    status: 400,
    title: 'The request is not valid',
    code: 'REQUEST.VALIDATION_FAILED',
    detail: errors.map((e) => `${e.field} ${e.message}`).join('; '),
    errors,
  });

describe('toFormErrors', () => {
  it('puts each problem on its field in plain words, never the request path', () => {
    const errors = toFormErrors(
      validation([
        { field: 'body.skills.0', message: 'must match format "uuid"', rule: 'format', format: 'uuid' },
        { field: 'body.name', message: 'must NOT have fewer than 2 characters', rule: 'minLength', limit: 2 },
        { field: 'body.hubId', message: "must have required property 'hubId'", rule: 'required' },
      ]),
      { fields: ['name', 'skills', 'hubId'] },
    );
    expect(errors).toEqual({
      form: null,
      fields: {
        skills: 'Choose one from the list',
        name: 'Use at least 2 characters',
        hubId: 'This is required',
      },
    });
  });

  it('maps request paths to the fields the form names differently, and lets the form word a field', () => {
    const errors = toFormErrors(
      new ApiError({
        status: 422,
        title: 'A price must be whole paise from 0 to ₹10 crore',
        code: 'CATALOG.PRICE_OUT_OF_RANGE',
        detail: 'body.basePricePaise must be whole paise from 0 to 10000000000',
        errors: [
          { field: 'body.basePricePaise', message: 'must be whole paise from 0 to 10000000000' },
          { field: 'body.extraCharge.blockMinutes', message: 'must be whole minutes from 15 to 240' },
        ],
      }),
      {
        fields: ['basePrice', 'blockMinutes'],
        paths: { basePricePaise: 'basePrice', 'extraCharge.blockMinutes': 'blockMinutes' },
        messages: { basePrice: 'Enter a price from ₹0 to ₹10 crore' },
      },
    );
    expect(errors).toEqual({
      form: null,
      fields: {
        basePrice: 'Enter a price from ₹0 to ₹10 crore',
        blockMinutes: 'Must be whole minutes from 15 to 240',
      },
    });
  });

  it('tells problems with fields the form does not show in the form message, by a readable name', () => {
    const errors = toFormErrors(
      validation([
        { field: 'body.photoUrl', message: 'must match format "uri"', rule: 'format', format: 'uri' },
      ]),
      { fields: ['name'] },
    );
    expect(errors.form).toBe('Photo url: Enter a full web address, starting with https://');
    expect(errors.fields).toEqual({});
  });

  it("gives the problem's title when no field says what is wrong", () => {
    const taken = new ApiError({
      status: 409,
      title: 'A service with this name already exists',
      code: 'CATALOG.SERVICE_NAME_TAKEN',
      detail: 'Deep cleaning is taken',
    });
    expect(toFormErrors(taken, { fields: ['name'] })).toEqual({
      form: 'A service with this name already exists',
      fields: {},
    });
  });

  it('speaks of the connection, the server or the session where the problem is not the input', () => {
    const fields = { fields: ['name'] };
    expect(toFormErrors(new TypeError('Failed to fetch'), fields).form).toMatch(/^Could not reach Zefy/);
    expect(
      toFormErrors(
        new ApiError({ status: 503, title: 'A service is unavailable', code: 'UPSTREAM.UNAVAILABLE' }),
        fields,
      ).form,
    ).toMatch(/^Something went wrong on our side/);
    expect(
      toFormErrors(
        new ApiError({ status: 401, title: 'Authentication required', code: 'AUTH.UNAUTHENTICATED' }),
        fields,
      ).form,
    ).toBe('Your session has ended. Log in again.');
    expect(
      toFormErrors(
        new ApiError({
          status: 401,
          title: 'Email or password is not correct',
          code: 'IDENTITY.CREDENTIALS_INVALID',
        }),
        fields,
      ).form,
    ).toBe('Email or password is not correct');
  });
});

describe('describeFieldError', () => {
  it.each([
    [{ rule: 'maxLength', limit: 80 }, 'Use at most 80 characters'],
    [{ rule: 'minItems', limit: 1 }, 'Choose at least one'],
    [{ rule: 'maximum', limit: 100 }, 'Enter 100 or less'],
    [{ rule: 'enum' }, 'Choose one of the options'],
    [{ rule: 'format', format: 'email' }, 'Enter an email address like name@example.com'],
    [{ rule: 'format', format: 'ipv6' }, 'This is not in the expected form'],
  ])('words %o without a schema keyword', (rule, words) => {
    expect(describeFieldError({ field: 'body.x', message: 'internal', ...rule })).toBe(words);
  });
});

describe('describeError', () => {
  it('keeps a detail written for people and drops one that names request paths', () => {
    const problem = { status: 503, title: 'A service is unavailable', code: 'UPSTREAM.UNAVAILABLE' } as const;
    expect(describeError(new ApiError({ ...problem, detail: 'catalog did not answer in time' }))).toEqual({
      title: 'A service is unavailable',
      detail: 'catalog did not answer in time',
    });
    expect(
      describeError(validation([{ field: 'querystring.q', message: 'is not valid' }])).detail,
    ).toBeNull();
  });
});
