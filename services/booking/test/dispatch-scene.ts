import { randomUUID } from 'node:crypto';
import type { BookingView, EventEnvelope, HoldRequest } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { eventually } from '@zefy/platform/testing';
import { capturePayment, startPayment } from '../src/booking/booking.commands.ts';
import { tickDueRounds } from '../src/dispatch/dispatch.commands.ts';
import { emptyWeek } from '../src/schedule/schedule.ts';
import type { Harness } from './booking-harness.ts';

const allDay = [{ start: '00:00', end: '24:00' }];
export const allWeek = {
  ...emptyWeek(),
  mon: allDay,
  tue: allDay,
  wed: allDay,
  thu: allDay,
  fri: allDay,
  sat: allDay,
  sun: allDay,
};

export interface ScenePartner {
  id: string;
  token: string;
}

/** Near MG Road, inside the hub: partner `index` stands on a grid of ~110 m north of the customer's address. */
export const positionOf = (index: number) => ({
  lat: 12.9756 + (index % 100) * 0.001,
  lng: 77.6066 + Math.floor(index / 100) * 0.001,
});

/**
 * Dispatch tests on the booking harness: a hub with `partners` approved partners of one service, each
 * working all week (and on duty, unless `online` is false), and a customer with an address there.
 */
export async function dispatchScene(harness: Harness, options: { partners: number; online?: boolean }) {
  const hub = await harness.seedHub();
  const service = await harness.seedService();
  const partners: ScenePartner[] = [];
  for (let index = 0; index < options.partners; index += 1) {
    const partner = await harness.seedPartner({
      hubId: hub.id,
      skills: [service.id],
      name: `Partner ${index}`,
      phone: `+9198000${String(10_000 + index)}`,
    });
    await harness.seedSchedule(partner.id, { weekly: allWeek, daysOff: [] });
    partners.push({ id: partner.id, token: await harness.tokenFor('partner', partner.id) });
  }
  const customerId = newId();
  const address = await harness.seedAddress({ customerId, hubId: hub.id });
  const customer = { customerId, address, token: await harness.tokenFor('customer', customerId) };
  const scene = { hub, service, partners, customer };
  if (options.online !== false)
    for (const [index, partner] of partners.entries()) await goOnDuty(harness, partner, index);
  return scene;
}

export type Scene = Awaited<ReturnType<typeof dispatchScene>>;

export async function goOnDuty(harness: Harness, partner: ScenePartner, index = 0): Promise<void> {
  const response = await harness.request('PUT', '/api/v1/partner/presence', {
    token: partner.token,
    body: { online: true, ...positionOf(index) },
  });
  if (response.status !== 200)
    throw new Error(`presence: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function goOffDuty(harness: Harness, partner: ScenePartner): Promise<void> {
  const response = await harness.request('PUT', '/api/v1/partner/presence', {
    token: partner.token,
    body: { online: false },
  });
  if (response.status !== 200)
    throw new Error(`presence: ${response.status} ${JSON.stringify(response.body)}`);
}

/** A hold placed by the scene's customer, paid: the booking is confirmed and its round has started. */
export async function confirmedBooking(
  harness: Harness,
  scene: Scene,
  window: HoldRequest['window'] = { kind: 'now' },
): Promise<BookingView> {
  const placed = await harness.request('POST', '/api/v1/holds', {
    token: scene.customer.token,
    idempotencyKey: randomUUID(),
    body: { serviceId: scene.service.id, addressId: scene.customer.address.id, window },
  });
  if (placed.status !== 201) throw new Error(`hold: ${placed.status} ${JSON.stringify(placed.body)}`);
  const hold = placed.body as unknown as BookingView;
  const { deps, context } = harness.service;
  const orderId = `order_${newId()}`;
  await context.db.transaction(async (tx) => {
    const payment = {
      bookingId: hold.id,
      orderId,
      customerId: hold.customerId,
      amountPaise: hold.price.totalPaise,
    };
    await startPayment(deps, tx, payment);
    await capturePayment(deps, tx, { ...payment, paymentId: `pay_${newId()}` });
  });
  await eventually(async () => {
    const { rows } = await context.db.pool.query('SELECT 1 FROM dispatch_rounds WHERE booking_id = $1', [
      hold.id,
    ]);
    if (rows.length === 0) throw new Error(`no dispatch round for ${hold.id} yet`);
  });
  return (await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: scene.customer.token }))
    .body as unknown as BookingView;
}

export interface OfferRow {
  id: string;
  partnerId: string;
  status: string;
  reason: string | null;
  wave: number;
}

/** The booking's offers, in the order they were made. */
export async function offersOf(harness: Harness, bookingId: string): Promise<OfferRow[]> {
  const { rows } = await harness.service.context.db.pool.query<OfferRow>(
    `SELECT id, partner_id AS "partnerId", status, reason, wave FROM offers WHERE booking_id = $1
     ORDER BY wave, sent_at, partner_id`,
    [bookingId],
  );
  return rows;
}

export const offerTo = async (harness: Harness, bookingId: string, partner: ScenePartner) => {
  const offer = (await offersOf(harness, bookingId)).find((row) => row.partnerId === partner.id);
  if (!offer) throw new Error(`no offer of ${bookingId} to ${partner.id}`);
  return offer;
};

/** The dispatch tick's run, now (the job's own timer is set far apart in these tests). */
export const tick = (harness: Harness) => tickDueRounds(harness.service.deps, new AbortController().signal);

/** Events of the booking the outbox holds, of `type` (all when absent). */
export async function published(
  harness: Harness,
  bookingId: string,
  type?: string,
): Promise<EventEnvelope[]> {
  const { rows } = await harness.service.context.db.pool.query<{ envelope: EventEnvelope }>(
    `SELECT envelope FROM outbox WHERE envelope->'data'->>'bookingId' = $1 AND ($2::text IS NULL OR type = $2)
     ORDER BY created_at, id`,
    [bookingId, type ?? null],
  );
  return rows.map((row) => row.envelope);
}

export async function timelineOf(harness: Harness, bookingId: string): Promise<string[]> {
  const { rows } = await harness.service.context.db.pool.query<{ type: string }>(
    'SELECT type FROM booking_events WHERE booking_id = $1 ORDER BY sequence',
    [bookingId],
  );
  return rows.map((row) => row.type);
}

export const accept = (harness: Harness, partner: ScenePartner, offerId: string) =>
  harness.request('POST', `/api/v1/partner/offers/${offerId}/accept`, { token: partner.token });
