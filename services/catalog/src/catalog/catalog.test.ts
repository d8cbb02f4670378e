import { describe, expect, it } from 'vitest';
import { planNewService, sortCategories } from './catalog.ts';

describe('planNewService', () => {
  it('trims and collapses whitespace in the name and keeps the price in paise', () => {
    const plan = planNewService(
      { name: '  Deep   home cleaning ', category: 'cleaning', basePricePaise: 149_900 },
      { id: 'id-1', now: new Date('2026-11-24T10:00:00Z'), actor: { kind: 'admin', id: 'a1' } },
    );
    expect(plan.service).toEqual({
      id: 'id-1',
      name: 'Deep home cleaning',
      category: 'cleaning',
      basePricePaise: 149_900,
      createdAt: '2026-11-24T10:00:00.000Z',
    });
  });
});

describe('sortCategories', () => {
  it('orders categories by name without mutating the input', () => {
    const input = [
      { category: 'salon', serviceCount: 2 },
      { category: 'cleaning', serviceCount: 5 },
    ];
    expect(sortCategories(input).map((c) => c.category)).toEqual(['cleaning', 'salon']);
    expect(input[0]?.category).toBe('salon');
  });
});
