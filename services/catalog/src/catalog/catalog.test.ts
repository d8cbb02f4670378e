import { describe, expect, it } from 'vitest';
import {
  applyCategoryPatch,
  applyServicePatch,
  planNewCategory,
  planNewService,
  type ServiceRecord,
  sortCategories,
  withPrice,
} from './catalog.ts';

const now = new Date('2026-11-24T10:00:00Z');
const planned = (input: Parameters<typeof planNewService>[0]) => planNewService(input, { id: 'id-1', now });
const accepted = (input: Parameters<typeof planNewService>[0]): ServiceRecord => {
  const decided = planned(input);
  if (!decided.ok) throw new Error(decided.rejection.detail);
  return decided.value;
};

describe('planNewService', () => {
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
      rejection: {
        code: 'CATALOG.PRICE_OUT_OF_RANGE',
        detail: 'body.basePricePaise must be whole paise from 0 to 10000000000',
        errors: [{ field: 'body.basePricePaise', message: 'must be whole paise from 0 to 10000000000' }],
      },
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
    expect(decided.rejection.code).toBe('CATALOG.PRICING_RULE_INVALID');
    expect(decided.rejection.errors?.map((e) => e.field)).toEqual([
      'body.extraCharge.blockMinutes',
      'body.taxRateBasisPoints',
    ]);
  });
});

describe('applyServicePatch', () => {
  const service = accepted({ name: 'AC service', category: 'appliance-repair', basePricePaise: 59_900 });

  it('changes only the fields sent and stamps the edit', () => {
    const later = new Date('2026-11-25T10:00:00Z');
    const decided = applyServicePatch(service, { basePricePaise: 64_900, isActive: false }, later);
    expect(decided).toEqual({
      ok: true,
      value: { ...service, basePricePaise: 64_900, isActive: false, updatedAt: later.toISOString() },
    });
  });

  it('refuses an edit that breaks the pricing rule', () => {
    expect(applyServicePatch(service, { includedMinutes: 0 }, now)).toMatchObject({
      ok: false,
      rejection: { code: 'CATALOG.PRICING_RULE_INVALID' },
    });
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
