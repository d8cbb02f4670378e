import { createEvent, type DomainEvent, newId } from '@zefy/platform';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startBookingHarness } from '../../test/booking-harness.ts';
import { projectionSubscriptions } from './projections.consumers.ts';
import { addresses, findProjection, hubs, services } from './projections.repository.ts';

const harness = await startBookingHarness({
  databaseUrl: inject('databaseUrl'),
  redisUrl: process.env.REDIS_URL,
});
afterAll(() => harness.stop());

const actor = { kind: 'system' as const, id: 'test' };
const deliver = async (event: DomainEvent) => {
  const [subscription] = projectionSubscriptions(harness.service.deps);
  await subscription?.handler(event, { attempt: 1, redelivered: false });
};
const db = () => harness.service.context.db.pool;

describe('projections from catalog and locations events', () => {
  it('keeps the service’s pricing rule, once per event, and ignores an older update arriving late', async () => {
    const serviceId = newId();
    const created = createEvent(
      'catalog.service_created',
      {
        serviceId,
        name: 'Sofa cleaning',
        category: 'cleaning',
        basePricePaise: 59_900,
        includedMinutes: 90,
        extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 14_900 },
        taxRateBasisPoints: 1800,
        skill: 'cleaning',
        isActive: true,
      },
      { actor, clock: harness.clock },
    );
    harness.clock.advance(1000);
    const newer = createEvent(
      'catalog.service_updated',
      {
        serviceId,
        name: 'Sofa deep cleaning',
        category: 'cleaning',
        basePricePaise: 69_900,
        includedMinutes: 120,
        extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 14_900 },
        taxRateBasisPoints: 1800,
        skill: 'cleaning',
        isActive: true,
      },
      { actor, clock: harness.clock },
    );
    await deliver(newer);
    await deliver(created);
    await deliver(newer);
    expect(await findProjection(db(), services, serviceId)).toMatchObject({
      name: 'Sofa deep cleaning',
      basePricePaise: 69_900,
      includedMinutes: 120,
      extraBlockPricePaise: 14_900,
      skill: 'cleaning',
    });
  });

  it('fills hubs and addresses, follows re-resolution and keeps a deleted address deleted', async () => {
    const hubId = newId();
    const addressId = newId();
    const customerId = newId();
    await deliver(
      createEvent(
        'locations.hub_created',
        {
          hubId,
          name: 'Koramangala',
          city: 'Bengaluru',
          timezone: 'Asia/Kolkata',
          isActive: true,
          bbox: [77.6, 12.92, 77.65, 12.95],
        },
        { actor, clock: harness.clock },
      ),
    );
    expect(await findProjection(db(), hubs, hubId)).toMatchObject({
      timezone: 'Asia/Kolkata',
      bbox: [77.6, 12.92, 77.65, 12.95],
    });
    harness.clock.advance(1000);
    await deliver(
      createEvent(
        'locations.address_saved',
        {
          addressId,
          customerId,
          label: 'Home',
          lat: 12.93,
          lng: 77.62,
          isDefault: true,
          hubId: null,
          isServiceable: false,
        },
        { actor, clock: harness.clock },
      ),
    );
    harness.clock.advance(1000);
    await deliver(
      createEvent(
        'locations.address_resolved',
        { addressId, customerId, previousHubId: null, hubId, isServiceable: true },
        { actor, clock: harness.clock },
      ),
    );
    expect(await findProjection(db(), addresses, addressId)).toMatchObject({
      hubId,
      isServiceable: true,
      lat: 12.93,
      customerId,
    });
    harness.clock.advance(1000);
    await deliver(
      createEvent('locations.address_deleted', { addressId, customerId }, { actor, clock: harness.clock }),
    );
    expect(await findProjection(db(), addresses, addressId)).toMatchObject({ isDeleted: true });
    const { rows } = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'booking.projections'`,
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(6);
  });

  it("keeps the hub's tax identity from its events, and an event without one leaves it as it was", async () => {
    const hubId = newId();
    const registration = {
      legalName: 'Zefy Home Services Private Limited',
      gstin: '29AABCZ4821K2ZX',
      registeredAddress: '2nd floor, 56, 17th Main Road\nBengaluru, Karnataka 560095',
    };
    const hub = {
      hubId,
      name: 'Koramangala',
      city: 'Bengaluru',
      timezone: 'Asia/Kolkata',
      isActive: true,
      bbox: [77.6, 12.92, 77.65, 12.95] as [number, number, number, number],
    };
    const edited = { previousBbox: hub.bbox, previousIsActive: true };
    const taxIdentityOf = async () => (await findProjection(db(), hubs, hubId))?.taxIdentity;
    await deliver(createEvent('locations.hub_created', hub, { actor, clock: harness.clock }));
    expect(await taxIdentityOf()).toBeNull();
    harness.clock.advance(1000);
    await deliver(
      createEvent(
        'locations.hub_updated',
        { ...hub, ...edited, taxIdentity: registration },
        { actor, clock: harness.clock },
      ),
    );
    expect(await taxIdentityOf()).toEqual(registration);
    // a producer from before hubs had a tax identity says nothing of it
    harness.clock.advance(1000);
    await deliver(
      createEvent(
        'locations.hub_updated',
        { ...hub, ...edited, name: 'Koramangala 6th Block' },
        { actor, clock: harness.clock },
      ),
    );
    expect(await findProjection(db(), hubs, hubId)).toMatchObject({
      name: 'Koramangala 6th Block',
      taxIdentity: registration,
    });
    harness.clock.advance(1000);
    await deliver(
      createEvent(
        'locations.hub_updated',
        { ...hub, ...edited, taxIdentity: null },
        { actor, clock: harness.clock },
      ),
    );
    expect(await taxIdentityOf()).toBeNull();
  });
});
