import type { GeoPolygon, Hub, NewHub } from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { given } from '@zefy/platform/testing';
import { ringAreaSquareMetres } from '@zefy/rules';
import { describe, expect, it } from 'vitest';
import { toWireEvent } from './hubs.events.ts';
import { type HubEvent, hubDecider, isIanaTimezone } from './hubs.ts';

const now = new Date('2026-11-24T10:00:00Z');
const later = new Date('2026-11-25T10:00:00Z');
const admin = { actor: { kind: 'admin' as const, id: 'admin-1' }, now };
const indiranagar: NewHub = {
  name: ' Indiranagar ',
  city: 'Bengaluru',
  timezone: 'Asia/Kolkata',
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [77.627, 12.985],
        [77.65, 12.984],
        [77.657, 12.97],
        [77.648, 12.958],
        [77.63, 12.96],
        [77.624, 12.972],
        [77.627, 12.985],
      ],
    ],
  },
};
const square: GeoPolygon = {
  type: 'Polygon',
  coordinates: [
    [
      [77.6, 12.9],
      [77.7, 12.9],
      [77.7, 13.0],
      [77.6, 13.0],
      [77.6, 12.9],
    ],
  ],
};
const create = (input: NewHub) => ({ type: 'CreateHub' as const, id: 'h1', input });

function createdHub(): Hub {
  const { decision } = given(hubDecider).when(create(indiranagar), admin);
  if (!decision.ok || decision.events[0] === undefined) throw new Error('refused');
  return decision.events[0].hub;
}

describe('creating a hub', () => {
  it('stores the outline with its bounding box and area, active by default', () => {
    const hub = createdHub();
    expect(hub).toMatchObject({
      id: 'h1',
      name: 'Indiranagar',
      isActive: true,
      bbox: [77.624, 12.958, 77.657, 12.985],
      createdAt: now.toISOString(),
    });
    // roughly 3.3 km × 2.9 km, less the cut corners
    expect(hub.areaSquareMetres / 1e6).toBeGreaterThan(5);
    expect(hub.areaSquareMetres / 1e6).toBeLessThan(9);
  });

  it('refuses a self-intersecting outline with its own code, naming the field', () => {
    const bowTie: GeoPolygon = {
      type: 'Polygon',
      coordinates: [
        [
          [77.6, 12.9],
          [77.7, 13.0],
          [77.7, 12.9],
          [77.6, 13.0],
          [77.6, 12.9],
        ],
      ],
    };
    const refused = given(hubDecider).when(create({ ...indiranagar, polygon: bowTie }), admin);
    refused.thenRefuses('LOCATIONS.POLYGON_SELF_INTERSECTING');
    expect(refused.decision).toMatchObject({ errors: [{ field: 'body.polygon' }] });
  });

  it('refuses an unknown time zone', () => {
    expect(isIanaTimezone('Asia/Kolkata')).toBe(true);
    expect(isIanaTimezone('Mars/Olympus')).toBe(false);
    given(hubDecider)
      .when(create({ ...indiranagar, timezone: 'IST' }), admin)
      .thenRefuses('LOCATIONS.TIMEZONE_UNKNOWN');
  });

  it('refuses to create a hub that already exists', () => {
    given(hubDecider, { type: 'HubCreated', hub: createdHub() })
      .when(create(indiranagar), admin)
      .thenRefuses('LOCATIONS.HUB_NAME_TAKEN');
  });
});

describe('editing a hub', () => {
  const hub = createdHub();
  const created: HubEvent = { type: 'HubCreated', hub };
  const previous = { bbox: hub.bbox, isActive: true };

  it('re-measures a new outline, keeps everything else and remembers the old box', () => {
    given(hubDecider, created)
      .when(
        { type: 'EditHub', patch: { polygon: square, name: ' Indiranagar  East ' } },
        { ...admin, now: later },
      )
      .thenEmits({
        type: 'HubEdited',
        hub: {
          ...hub,
          name: 'Indiranagar East',
          polygon: square,
          bbox: [77.6, 12.9, 77.7, 13.0],
          areaSquareMetres: ringAreaSquareMetres(square.coordinates[0]!),
          updatedAt: later.toISOString(),
        },
        previous,
      });
  });

  it('deactivates a hub and reactivates it', () => {
    const deactivated = given(hubDecider, created)
      .when({ type: 'EditHub', patch: { isActive: false } }, { ...admin, now: later })
      .thenEmits({
        type: 'HubEdited',
        hub: { ...hub, isActive: false, updatedAt: later.toISOString() },
        previous,
      });
    expect(deactivated).toMatchObject({ status: 'listed', hub: { isActive: false } });
    given(hubDecider, created, { type: 'HubEdited', hub: { ...hub, isActive: false }, previous })
      .when({ type: 'EditHub', patch: { isActive: true } }, admin)
      .thenEmits({
        type: 'HubEdited',
        hub: { ...hub, isActive: true },
        previous: { ...previous, isActive: false },
      });
  });

  it('refuses an unknown time zone or a broken outline, and a hub that does not exist', () => {
    given(hubDecider, created)
      .when({ type: 'EditHub', patch: { timezone: 'Mars/Olympus' } }, admin)
      .thenRefuses('LOCATIONS.TIMEZONE_UNKNOWN');
    given(hubDecider, created)
      .when(
        {
          type: 'EditHub',
          patch: { polygon: { type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 4)] } },
        },
        admin,
      )
      .thenRefuses('LOCATIONS.POLYGON_NOT_CLOSED');
    given(hubDecider)
      .when({ type: 'EditHub', patch: { isActive: false } }, admin)
      .thenRefuses('LOCATIONS.HUB_NOT_FOUND');
  });
});

describe("a hub's tax identity", () => {
  const hub = createdHub();
  const created: HubEvent = { type: 'HubCreated', hub };
  const previous = { bbox: hub.bbox, isActive: true };
  const registration = {
    legalName: 'Zefy Home Services Private Limited',
    gstin: '29AABCZ4821K1ZY',
    registeredAddress: '3rd floor, 1094, 12th Main Road\nBengaluru, Karnataka 560038',
  };

  it('is none until set', () => {
    expect(hub.taxIdentity).toBeNull();
  });

  it('is set on creation, tidied: GSTIN in capitals, each address line trimmed, blank lines dropped', () => {
    const { decision } = given(hubDecider).when(
      create({
        ...indiranagar,
        taxIdentity: {
          legalName: '  Zefy Home Services   Private Limited ',
          gstin: '29aabcz4821k1zy',
          registeredAddress: ' 3rd floor,  1094, 12th Main Road \r\n\n Bengaluru, Karnataka 560038 ',
        },
      }),
      admin,
    );
    expect(decision).toMatchObject({ ok: true, events: [{ hub: { taxIdentity: registration } }] });
  });

  it('is set, kept by other edits, and cleared with null', () => {
    const set = { type: 'HubEdited' as const, hub: { ...hub, taxIdentity: registration }, previous };
    given(hubDecider, created)
      .when({ type: 'EditHub', patch: { taxIdentity: registration } }, admin)
      .thenEmits(set);
    given(hubDecider, created, set)
      .when({ type: 'EditHub', patch: { name: 'Indiranagar' } }, admin)
      .thenEmits(set);
    given(hubDecider, created, set)
      .when({ type: 'EditHub', patch: { taxIdentity: null } }, admin)
      .thenEmits({ ...set, hub: { ...hub, taxIdentity: null } });
  });

  it('refuses a GSTIN that is not one, naming the field and what is wrong', () => {
    for (const gstin of ['29AABCZ4821K1ZX', '39AABCZ4821K1ZY', '29AABCZ4821K1Z', '29AABCZ4821K0ZY']) {
      const { decision } = given(hubDecider, created).when(
        { type: 'EditHub', patch: { taxIdentity: { ...registration, gstin } } },
        admin,
      );
      expect(decision, gstin).toMatchObject({
        ok: false,
        code: 'LOCATIONS.GSTIN_INVALID',
        errors: [{ field: 'body.taxIdentity.gstin' }],
      });
    }
    given(hubDecider)
      .when(create({ ...indiranagar, taxIdentity: { ...registration, gstin: '29AABCZ4821K1ZX' } }), admin)
      .thenRefuses('LOCATIONS.GSTIN_INVALID');
  });
});

describe('hub events on the wire', () => {
  it('tell other services where a hub is, not its outline, and an edit its previous box and flag', () => {
    const hub = createdHub();
    const wire = toWireEvent(
      {
        type: 'HubEdited',
        hub: { ...hub, isActive: false },
        previous: { bbox: [1, 2, 3, 4], isActive: true },
      },
      { actor: admin.actor, clock: new ManualClock(now) },
    );
    expect(wire).toMatchObject({
      type: 'locations.hub_updated',
      data: {
        hubId: 'h1',
        name: 'Indiranagar',
        city: 'Bengaluru',
        timezone: 'Asia/Kolkata',
        isActive: false,
        bbox: hub.bbox,
        previousBbox: [1, 2, 3, 4],
        previousIsActive: true,
        taxIdentity: null,
      },
    });
    expect(wire.data).not.toHaveProperty('polygon');
  });
});
