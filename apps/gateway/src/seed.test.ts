import { demoCity, demoId } from '@zefy/demo-city';
import { HubIndex, type IndexedHub } from '@zefy/locations';
import { boundingBox, checkPolygon, checkPricingRule, ringAreaSquareMetres } from '@zefy/rules';
import { describe, expect, it } from 'vitest';
import { wasApplied } from './seed.ts';

const { catalog, locations, identity } = demoCity;

describe('the demo city data set', () => {
  it('has deterministic, unique ids', () => {
    expect(demoId('hub', 'Indiranagar')).toBe(demoId('hub', 'Indiranagar'));
    const ids = [
      ...catalog.services.map((s) => s.id),
      ...locations.hubs.map((h) => h.id),
      ...locations.addresses.map((a) => a.id),
      ...identity.partners.map((p) => p.id),
      ...identity.customers.map((c) => c.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has valid hub outlines and pricing rules', () => {
    for (const hub of locations.hubs) expect(checkPolygon(hub.polygon).ok, hub.name).toBe(true);
    for (const service of catalog.services) {
      const rule = {
        basePricePaise: service.basePricePaise,
        includedMinutes: service.includedMinutes,
        graceMinutes: service.extraCharge.graceMinutes,
        extraBlockMinutes: service.extraCharge.blockMinutes,
        extraBlockPricePaise: service.extraCharge.blockPricePaise,
        taxRateBasisPoints: service.taxRateBasisPoints,
      };
      expect(checkPricingRule(rule), service.name).toEqual([]);
      expect(catalog.categories.map((c) => c.id)).toContain(service.category);
    }
  });

  it('gives partners existing skills and hubs, E.164 phones, and every trade in every hub', () => {
    expect(identity.partners.length).toBeGreaterThanOrEqual(30);
    const serviceIds = new Set(catalog.services.map((s) => s.id));
    for (const partner of identity.partners) {
      expect(partner.phone).toMatch(/^\+91[6-9]\d{9}$/);
      expect(partner.skills.length).toBeGreaterThan(0);
      for (const skill of partner.skills) expect(serviceIds.has(skill)).toBe(true);
      expect(locations.hubs.map((h) => h.id)).toContain(partner.hubId);
    }
    for (const hub of locations.hubs) {
      const covered = new Set(identity.partners.filter((p) => p.hubId === hub.id).flatMap((p) => p.skills));
      expect(covered.size, hub.name).toBe(serviceIds.size);
    }
  });

  it('gives each customer one default address, all but one inside a hub', () => {
    const hubs: IndexedHub[] = locations.hubs.map((hub, i) => {
      const ring = hub.polygon.coordinates[0]!;
      return {
        id: hub.id,
        name: hub.name,
        ring,
        bbox: boundingBox(ring),
        areaSquareMetres: ringAreaSquareMetres(ring),
        createdAt: i,
      };
    });
    const index = new HubIndex(hubs);
    const served = locations.addresses.map((a) => index.resolve([a.lng, a.lat])?.name ?? null);
    expect(served).toEqual(['Indiranagar', 'Koramangala', 'HSR Layout', null, 'Whitefield', 'Jayanagar']);
    for (const customer of identity.customers) {
      const own = locations.addresses.filter((a) => a.customerId === customer.id);
      expect(own.filter((a) => a.isDefault)).toHaveLength(1);
    }
  });
});

describe('the demo city’s working hours', () => {
  it('has every partner work every day of the week, so every trade of every hub has slots', () => {
    const { schedules } = demoCity.booking;
    expect(schedules.map((schedule) => schedule.partnerId).sort()).toEqual(
      identity.partners.map((partner) => partner.id).sort(),
    );
    for (const schedule of schedules) {
      expect(Object.values(schedule.weekly).every((ranges) => ranges.length > 0)).toBe(true);
      expect(schedule.daysOff).toEqual([]);
    }
  });
});

describe('wasApplied', () => {
  it("reads a seeder's answer: a flag, or counts of what it created", () => {
    expect(wasApplied({ applied: true })).toBe(true);
    expect(wasApplied({ applied: false })).toBe(false);
    expect(wasApplied({ staff: 0, partners: 35, customers: 4 })).toBe(true);
    expect(wasApplied({ staff: 0, partners: 0, customers: 0 })).toBe(false);
    expect(wasApplied(undefined)).toBe(false);
  });
});
