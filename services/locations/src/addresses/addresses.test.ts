import { describe, expect, it } from 'vitest';
import type { Resolution } from '../hubs/hub-index.ts';
import { applyAddressPatch, normaliseLabel, planNewAddress, sortAddresses } from './addresses.ts';

const now = new Date('2026-11-24T10:00:00Z');
const inIndiranagar: Resolution = { hubId: 'hub-1', hubName: 'Indiranagar', notServiceableReason: null };
const nowhere: Resolution = {
  hubId: null,
  hubName: null,
  notServiceableReason: 'Not serviceable yet: far away.',
};
const resolve = (lat: number) => (lat < 13 ? inIndiranagar : nowhere);
const home = { label: 'home', line1: ' 12, 100 Feet Road ', lat: 12.97, lng: 77.64 };
const context = { id: 'a1', customerId: 'c1', now, isFirst: false, resolve };

describe('normaliseLabel', () => {
  it('recognises Home, Work and Other in any case and keeps custom labels', () => {
    expect(normaliseLabel(' HOME ')).toEqual({ label: 'Home', labelKind: 'home' });
    expect(normaliseLabel('work')).toEqual({ label: 'Work', labelKind: 'work' });
    expect(normaliseLabel("  Mom's   place ")).toEqual({ label: "Mom's place", labelKind: 'other' });
    expect(normaliseLabel('   ')).toBeUndefined();
  });
});

describe('planNewAddress', () => {
  it('maps the pin to its hub and makes a first address the default', () => {
    const decided = planNewAddress(home, { ...context, isFirst: true });
    expect(decided).toEqual({
      ok: true,
      value: {
        id: 'a1',
        customerId: 'c1',
        label: 'Home',
        labelKind: 'home',
        line1: '12, 100 Feet Road',
        landmark: null,
        lat: 12.97,
        lng: 77.64,
        isDefault: true,
        hubId: 'hub-1',
        notServiceableReason: null,
        resolvedAt: now.toISOString(),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      },
    });
  });

  it('stores a pin outside every hub as not serviceable, with the reason', () => {
    const decided = planNewAddress({ ...home, lat: 13.04 }, context);
    expect(decided).toMatchObject({
      ok: true,
      value: { hubId: null, notServiceableReason: 'Not serviceable yet: far away.', isDefault: false },
    });
  });

  it('refuses an empty label, an empty first line and a latitude of 200, each with its own code', () => {
    expect(planNewAddress({ ...home, label: ' ' }, context)).toMatchObject({
      ok: false,
      rejection: { code: 'LOCATIONS.LABEL_EMPTY', errors: [{ field: 'body.label' }] },
    });
    expect(planNewAddress({ ...home, line1: '' }, context)).toMatchObject({
      ok: false,
      rejection: { code: 'LOCATIONS.ADDRESS_LINE_EMPTY' },
    });
    expect(planNewAddress({ ...home, lat: 200 }, context)).toMatchObject({
      ok: false,
      rejection: { code: 'LOCATIONS.COORDINATES_OUT_OF_RANGE', errors: [{ field: 'body.lat' }] },
    });
  });
});

describe('applyAddressPatch', () => {
  const created = planNewAddress(home, context);
  if (!created.ok) throw new Error('fixture');
  const address = created.value;
  const later = new Date('2026-11-25T10:00:00Z');

  it('resolves a moved pin again', () => {
    expect(applyAddressPatch(address, { lat: 13.04 }, { now: later, resolve })).toMatchObject({
      ok: true,
      value: { hubId: null, lat: 13.04, resolvedAt: later.toISOString() },
    });
  });

  it('keeps the resolution when the pin stays, and clears a landmark sent as null', () => {
    const withLandmark = { ...address, landmark: 'Opposite the metro' };
    const decided = applyAddressPatch(
      withLandmark,
      { label: 'Parents', landmark: null },
      { now: later, resolve },
    );
    expect(decided).toMatchObject({
      ok: true,
      value: {
        label: 'Parents',
        labelKind: 'other',
        landmark: null,
        hubId: 'hub-1',
        resolvedAt: now.toISOString(),
      },
    });
  });
});

describe('sortAddresses', () => {
  it('lists the default first, then the newest', () => {
    const list = [
      { id: 'old', isDefault: false, createdAt: '2026-01-01' },
      { id: 'default', isDefault: true, createdAt: '2025-01-01' },
      { id: 'new', isDefault: false, createdAt: '2026-06-01' },
    ];
    expect(sortAddresses(list).map((a) => a.id)).toEqual(['default', 'new', 'old']);
  });
});
