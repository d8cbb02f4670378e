import { randomUUID } from 'node:crypto';
import type { Address, Availability, BookingView, PaymentOrder, Role } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { apiAt, eventually } from './api.ts';
import { payOnCheckoutPage } from './checkout.ts';
import type { TestPlatform } from './platform.ts';

/** The demo city's first customer's home, where `holdFor` books. */
export const demoHome = demoCity.locations.addresses.find((address) => address.label === 'Home') as {
  lat: number;
  lng: number;
};
const service = demoCity.catalog.services[0] as { id: string };
const everyDay = [{ start: '00:00', end: '24:00' }];
/** What these helpers use of a platform: a test's, or the screenshot script's. */
export type PlatformAccess = Pick<TestPlatform, 'baseUrl' | 'tokenFor' | 'seedDemoCity'>;
const seeded = new WeakSet<PlatformAccess>();

/** The customer cancels their booking over HTTP, as the user app does. */
export const cancelBooking = (baseUrl: string, token: string, bookingId: string, reason = 'plans changed') =>
  apiAt(baseUrl)(`/api/v1/bookings/${bookingId}/cancel`, {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: { reason },
  });

/** The customer's first address that a hub serves (a demo customer's own home, say), if any. */
async function servedAddressOf(zefy: PlatformAccess, token: string): Promise<Address | undefined> {
  const listed = await apiAt(zefy.baseUrl)('/api/v1/locations/addresses', { token });
  if (listed.status !== 200) throw new Error(`addresses: ${listed.status} ${await listed.text()}`);
  return ((await listed.json()) as { items: Address[] }).items.find((address) => address.isServiceable);
}

async function addHome(zefy: PlatformAccess, token: string): Promise<Address> {
  const saved = await apiAt(zefy.baseUrl)('/api/v1/locations/addresses', {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: { label: 'Home', line1: '100 Feet Road', lat: demoHome.lat, lng: demoHome.lng },
  });
  if (saved.status !== 201) throw new Error(`address: ${saved.status} ${await saved.text()}`);
  return (await saved.json()) as Address;
}

/** The demo partner of the hub who does the service `holdFor` books: the one whose time it holds. */
export function demoPartnerOf(hubId: string): { id: string; phone: string } {
  const partner = demoCity.identity.partners.find(
    (candidate) => candidate.hubId === hubId && candidate.skills.includes(service.id),
  );
  if (!partner) throw new Error(`no demo partner for ${service.id} in ${hubId}`);
  return partner;
}

/**
 * A hold placed by `owner` (a customer) in the demo city: at the owner's first served address (a new one at
 * a demo customer's home when there is none), the hub's partner for the first service working all week,
 * the first free slot from tomorrow. Seeds the city once.
 */
export async function holdFor(zefy: PlatformAccess, owner: { role: Role; id: string }): Promise<BookingView> {
  const api = apiAt(zefy.baseUrl);
  if (!seeded.has(zefy)) {
    await zefy.seedDemoCity();
    seeded.add(zefy);
  }
  const token = await zefy.tokenFor(owner.role, owner.id);
  const address = (await servedAddressOf(zefy, token)) ?? (await addHome(zefy, token));
  const partner = demoPartnerOf(address.hubId as string);
  const partnerToken = await zefy.tokenFor('partner', partner.id);
  const weekly = {
    mon: everyDay,
    tue: everyDay,
    wed: everyDay,
    thu: everyDay,
    fri: everyDay,
    sat: everyDay,
    sun: everyDay,
  };
  await api('/api/v1/partner/schedule', {
    method: 'PUT',
    token: partnerToken,
    json: { weekly, daysOff: [] },
  });
  // the first free slot from tomorrow on: a long service fills a partner's day with a few holds
  const days = Array.from({ length: 6 }, (_, index) =>
    new Date(Date.now() + (index + 1) * 24 * 3600_000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Kolkata',
    }),
  );
  // booking hears of the address and the partner through events
  const slot = await eventually(async () => {
    for (const date of days) {
      const response = await api(
        `/api/v1/availability?serviceId=${service.id}&addressId=${address.id}&date=${date}`,
        { token },
      );
      if (response.status !== 200)
        throw new Error(`availability: ${response.status} ${await response.text()}`);
      const free = ((await response.json()) as Availability).slots.find((candidate) => candidate.available);
      if (free) return free;
    }
    throw new Error(`no free slot from ${days[0]} to ${days.at(-1)}`);
  }, 15_000);
  const held = await api('/api/v1/holds', {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: { serviceId: service.id, addressId: address.id, window: { kind: 'slot', startsAt: slot.startsAt } },
  });
  if (held.status !== 201) throw new Error(`hold: ${held.status} ${await held.text()}`);
  return (await held.json()) as BookingView;
}

/** A booking of `customer`'s (a new one's by default), paid on the Razorpay simulator's checkout page and confirmed. */
export async function paidBookingFor(
  zefy: PlatformAccess,
  customer: { role: 'customer'; id: string } = { role: 'customer', id: randomUUID() },
): Promise<BookingView> {
  const hold = await holdFor(zefy, customer);
  const api = apiAt(zefy.baseUrl);
  const token = await zefy.tokenFor(customer.role, customer.id);
  const ordered = await api('/api/v1/payments/orders', {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: { holdId: hold.id },
  });
  if (ordered.status !== 201) throw new Error(`order: ${ordered.status} ${await ordered.text()}`);
  await payOnCheckoutPage(zefy.baseUrl, (await ordered.json()) as PaymentOrder, 'success');
  return eventually(async () => {
    const booking = (await (await api(`/api/v1/bookings/${hold.id}`, { token })).json()) as BookingView;
    if (booking.status !== 'confirmed') throw new Error(`booking ${hold.id} is ${booking.status}`);
    return booking;
  }, 15_000);
}
