import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, Parameter } from '../openapi.ts';
import type { RawResponse } from '../raw-http.ts';
import type { FuzzCase } from './cases.ts';
import { typesOf } from './inputs.ts';
import { decodeJson, forbiddenContent } from './json-text.ts';

/** How one answer broke the rules. */
export interface Finding {
  fuzzCase: FuzzCase;
  status: number | 'none';
  /** The rules broken: `5xx`, `not problem+json`, `accepted an invalid request`… */
  rule: string;
  detail: string;
}

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    status: { type: 'integer' },
    code: { type: 'string', pattern: '^[A-Z_]+\\.[A-Z_]+$' },
  },
};

function validatorOf(ajv: Ajv) {
  const compiled = new Map<JsonSchema, ValidateFunction>();
  return (schema: JsonSchema, value: unknown): string | undefined => {
    let validator = compiled.get(schema);
    if (!validator) {
      validator = ajv.compile(schema);
      compiled.set(schema, validator);
    }
    return validator(value) ? undefined : ajv.errorsText(validator.errors, { dataVar: 'body' });
  };
}

/**
 * Judges answers by the OpenAPI document: never a 5xx; every 4xx problem+json (RFC 9457, with its `code`);
 * every 2xx declared and matching its response schema; no success for a request the contract refuses; the
 * security headers on every answer. What the contract refuses: JSON bodies that fail their schema, validated
 * strictly (no coercion); query and path parameters that fail theirs once decoded (coerced from text, as
 * text has no types); NUL, lone surrogates and non-finite numbers anywhere; a refused caller or header.
 */
export function createChecker() {
  const strict = new Ajv({ strict: false, coerceTypes: false });
  const coercing = new Ajv({ strict: false, coerceTypes: true });
  addFormats(strict);
  addFormats(coercing);
  const validate = validatorOf(strict);
  const validateText = validatorOf(coercing);
  const parameterSchemas = new Map<JsonSchema, JsonSchema>();

  function bodyRefusal({ route, request }: FuzzCase): string | undefined {
    const schema = route.operation.requestBody?.content['application/json'].schema;
    const isJson = request.headers.some(
      ([name, value]) => name === 'content-type' && value === 'application/json',
    );
    if (!schema || !request.body || !isJson) return undefined;
    const decoded = decodeJson(request.body);
    if ('error' in decoded) return decoded.error;
    return forbiddenContent(decoded.value) ?? validate(schema, decoded.value);
  }

  function parameterRefusal(parameter: Parameter & { text: string }): string | undefined {
    let value: string;
    try {
      value = decodeURIComponent(parameter.text);
    } catch {
      return undefined;
    }
    const where = `${parameter.in}.${parameter.name}`;
    const forbidden = forbiddenContent(value, where);
    if (forbidden) return forbidden;
    const isNumeric = typesOf(parameter.schema).some((type) => type === 'number' || type === 'integer');
    if (isNumeric && !Number.isFinite(Number(value))) return `${where} is not a finite number`;
    // coercion writes into the parent object, so the value is judged as a property
    let wrapper = parameterSchemas.get(parameter.schema);
    if (!wrapper) {
      wrapper = { type: 'object', properties: { value: parameter.schema } };
      parameterSchemas.set(parameter.schema, wrapper);
    }
    const invalid = validateText(wrapper, { value });
    return invalid && `${where}: ${invalid}`;
  }

  function problemWith(answer: RawResponse): string | undefined {
    const contentType = answer.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/problem+json'))
      return `not problem+json (${contentType || 'no content-type'})`;
    const decoded = decodeJson(Buffer.from(answer.body));
    if ('error' in decoded) return `malformed problem: ${decoded.error}`;
    const invalid = validate(problemSchema, decoded.value);
    if (invalid) return `malformed problem: ${invalid}`;
    const { status } = decoded.value as { status: number };
    return status === answer.status ? undefined : `malformed problem: its status is ${status}`;
  }

  function successProblems(fuzzCase: FuzzCase, answer: RawResponse): string[] {
    const problems: string[] = [];
    const refusal =
      fuzzCase.refusedBecause ??
      (fuzzCase.parameter && parameterRefusal(fuzzCase.parameter)) ??
      bodyRefusal(fuzzCase);
    if (refusal) problems.push(`accepted an invalid request (${refusal})`);
    const declared = fuzzCase.route.operation.responses?.[String(answer.status)];
    const schema = declared?.content?.['application/json']?.schema;
    if (!declared) problems.push('undeclared status');
    else if (schema) {
      const decoded = decodeJson(Buffer.from(answer.body));
      const invalid = 'error' in decoded ? decoded.error : validate(schema, decoded.value);
      if (invalid) problems.push(`response breaks its schema (${invalid})`);
    }
    return problems;
  }

  return {
    check(fuzzCase: FuzzCase, answer: RawResponse | Error): Finding[] {
      if (answer instanceof Error)
        return [{ fuzzCase, status: 'none', rule: 'no answer', detail: answer.message }];
      const problems: string[] = [];
      if (answer.status >= 500) problems.push('5xx');
      else if (answer.status >= 400) problems.push(...[problemWith(answer) ?? []].flat());
      else if (answer.status >= 200 && answer.status < 300)
        problems.push(...successProblems(fuzzCase, answer));
      if (answer.headers['x-content-type-options'] !== 'nosniff') problems.push('no security headers');
      if (problems.length === 0) return [];
      return [{ fuzzCase, status: answer.status, rule: problems.join(' + '), detail: answer.body }];
    },
  };
}
