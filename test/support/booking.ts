import type { Address, Availability, BookingView, Role } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { seedDemoCity } from '@zefy/gateway';
import { createLogger } from '@zefy/platform';
import { apiAt, eventually } from './api.ts';
import type { TestPlatform } from './platform.ts';

const home = demoCity.locations.addresses.find((address) => address.label === 'Home') as {
  lat: number;
  lng: number;
};
const service = demoCity.catalog.services[0] as { id: string };
const everyDay = [{ start: '00:00', end: '24:00' }];
const seeded = new WeakSet<TestPlatform>();

/**
 * A hold placed by `owner` (a customer) in the demo city: an address at a demo customer's home, the hub's
 * partner for the first service working all week, the first free slot from tomorrow. Seeds the city once.
 */
export async function holdFor(zefy: TestPlatform, owner: { role: Role; id: string }): Promise<BookingView> {
  const api = apiAt(zefy.baseUrl);
  if (!seeded.has(zefy)) {
    await seedDemoCity(zefy.platform.services, {
      logger: createLogger({ level: 'silent' }),
      dataDir: zefy.dataDir,
    });
    seeded.add(zefy);
  }
  const token = await zefy.tokenFor(owner.role, owner.id);
  const saved = await api('/api/v1/locations/addresses', {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: { label: 'Home', line1: '100 Feet Road', lat: home.lat, lng: home.lng },
  });
  if (saved.status !== 201) throw new Error(`address: ${saved.status} ${await saved.text()}`);
  const address = (await saved.json()) as Address;
  const partner = demoCity.identity.partners.find(
    (candidate) => candidate.hubId === address.hubId && candidate.skills.includes(service.id),
  );
  if (!partner) throw new Error(`no demo partner for ${service.id} in ${address.hubId}`);
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
  const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-CA', {
    timeZone: 'Asia/Kolkata',
  });
  // booking hears of the address and the partner through events
  const slot = await eventually(async () => {
    const response = await api(
      `/api/v1/availability?serviceId=${service.id}&addressId=${address.id}&date=${tomorrow}`,
      { token },
    );
    if (response.status !== 200) throw new Error(`availability: ${response.status} ${await response.text()}`);
    const free = ((await response.json()) as Availability).slots.find((candidate) => candidate.available);
    if (!free) throw new Error(`no free slot on ${tomorrow}`);
    return free;
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
