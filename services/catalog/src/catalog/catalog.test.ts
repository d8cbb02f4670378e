import type { NewCatalogService } from '@zefy/contracts';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import {
  applyCategoryPatch,
  planNewCategory,
  type ServiceRecord,
  serviceDecider,
  sortCategories,
  withPrice,
} from './catalog.ts';

const now = new Date('2026-11-24T10:00:00Z');
const admin = { actor: { kind: 'admin' as const, id: 'admin-1' }, now };
const create = (input: NewCatalogService) => ({ type: 'CreateService' as const, id: 'id-1', input });
const planned = (input: NewCatalogService) => serviceDecider.decide(create(input), { status: 'none' }, admin);
const accepted = (input: NewCatalogService): ServiceRecord => {
  const decided = planned(input);
  if (!decided.ok || decided.events[0] === undefined) throw new Error('refused');
  return decided.events[0].service;
};

describe('creating a service', () => {
  it('trims the name, keeps paise and fills the documented defaults', () => {
    expect(
      accepted({ name: '  Deep   home cleaning ', category: 'cleaning', basePricePaise: 149_900 }),
    ).toEqual({
      id: 'id-1',
      name: 'Deep home cleaning',
      category: 'cleaning',
      description: '',
      imageUrl: null,
      includedMinutes: 60,
      basePricePaise: 149_900,
      extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 0 },
      taxRateBasisPoints: 1800,
      skill: 'cleaning',
      isActive: true,
      createdAt: '2026-11-24T10:00:00.000Z',
      updatedAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it('refuses a negative price with its own code and the field', () => {
    expect(planned({ name: 'Tap repair', category: 'plumbing', basePricePaise: -1 })).toEqual({
      ok: false,
      code: 'CATALOG.PRICE_OUT_OF_RANGE',
      detail: 'body.basePricePaise must be whole paise from 0 to 10000000000',
      errors: [{ field: 'body.basePricePaise', message: 'must be whole paise from 0 to 10000000000' }],
    });
  });

  it('refuses a zero-minute extra block or a tax rate above 100% as an invalid pricing rule', () => {
    const decided = planned({
      name: 'Tap repair',
      category: 'plumbing',
      basePricePaise: 100,
      extraCharge: { graceMinutes: 0, blockMinutes: 0, blockPricePaise: 100 },
      taxRateBasisPoints: 10_001,
    });
    expect(decided.ok).toBe(false);
    if (decided.ok) return;
    expect(decided.code).toBe('CATALOG.PRICING_RULE_INVALID');
    expect(decided.errors?.map((e) => e.field)).toEqual([
      'body.extraCharge.blockMinutes',
      'body.taxRateBasisPoints',
    ]);
  });
});

describe('editing a service', () => {
  const service = accepted({ name: 'AC service', category: 'appliance-repair', basePricePaise: 59_900 });
  const created = { type: 'ServiceCreated' as const, service };

  it('changes only the fields sent and stamps the edit', () => {
    const later = new Date('2026-11-25T10:00:00Z');
    given(serviceDecider, created)
      .when(
        { type: 'UpdateService', patch: { basePricePaise: 64_900, isActive: false } },
        { ...admin, now: later },
      )
      .thenEmits({
        type: 'ServiceUpdated',
        service: { ...service, basePricePaise: 64_900, isActive: false, updatedAt: later.toISOString() },
      });
  });

  it('refuses an edit that breaks the pricing rule', () => {
    given(serviceDecider, created)
      .when({ type: 'UpdateService', patch: { includedMinutes: 0 } }, admin)
      .thenRefuses('CATALOG.PRICING_RULE_INVALID');
  });

  it('refuses to edit a service that does not exist, and to create one twice', () => {
    given(serviceDecider)
      .when({ type: 'UpdateService', patch: { basePricePaise: 100 } }, admin)
      .thenRefuses('CATALOG.SERVICE_NOT_FOUND');
    given(serviceDecider, created)
      .when(create({ name: 'AC service', category: 'appliance-repair', basePricePaise: 1 }), admin)
      .thenRefuses('CATALOG.SERVICE_NAME_TAKEN');
  });
});

describe('withPrice', () => {
  it('adds the breakdown of a job that ends on time, from the shared rule', () => {
    const service = accepted({ name: 'Haircut', category: 'salon', basePricePaise: 29_900 });
    expect(withPrice(service).price).toEqual({
      basePaise: 29_900,
      extraBlocks: 0,
      extraPaise: 0,
      pretaxPaise: 29_900,
      taxRateBasisPoints: 1800,
      taxPaise: 5_382,
      totalPaise: 35_282,
    });
  });
});

describe('categories', () => {
  it('creates active categories, edits them and orders them by name', () => {
    const salon = planNewCategory({ id: 'salon', name: ' Salon  at home ' }, now);
    expect(salon).toMatchObject({ id: 'salon', name: 'Salon at home', isActive: true, imageUrl: null });
    expect(applyCategoryPatch(salon, { isActive: false }, now).isActive).toBe(false);
    const input = [salon, planNewCategory({ id: 'cleaning', name: 'Cleaning' }, now)];
    expect(sortCategories(input).map((c) => c.id)).toEqual(['cleaning', 'salon']);
    expect(input[0]?.id).toBe('salon');
  });
});
