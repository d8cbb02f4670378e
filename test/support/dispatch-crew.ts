import { randomUUID } from 'node:crypto';
import {
  type Address,
  type Availability,
  type BookingView,
  type CatalogService,
  channels,
  type Hub,
} from '@zefy/contracts';
import { createEvent, createRabbitMqBus, type DomainEvent, newId, systemClock } from '@zefy/platform';
import { apiAt, createCategories, eventually } from './api.ts';
import type { Cluster } from './cluster.ts';
import { dispatchAt } from './dispatch.ts';
import { loginByOtp, randomPhone } from './identity.ts';
import { connectWebSocket } from './ws-client.ts';

/** Indiranagar as a square hub, and a home inside it where partners go on duty and customers live. */
export const indiranagarSquare: Array<[number, number]> = [
  [77.6, 12.9],
  [77.7, 12.9],
  [77.7, 13.0],
  [77.6, 13.0],
  [77.6, 12.9],
];
export const home = { lat: 12.95, lng: 77.65 };

const fromSystem = { actor: { kind: 'system' as const, id: 'test' }, clock: systemClock };

async function created<T>(response: Response): Promise<T> {
  if (response.status !== 201)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The Indiranagar hub, the cleaning category and one cleaning service, created by an admin through the API. */
export async function hubWithService(
  baseUrl: string,
  adminToken: string,
  service: { name: string; basePricePaise: number },
): Promise<{ hub: Hub; service: CatalogService }> {
  const api = apiAt(baseUrl);
  const hub = await created<Hub>(
    await api('/api/v1/locations/hubs', {
      method: 'POST',
      token: adminToken,
      idempotencyKey: true,
      json: {
        name: 'Indiranagar',
        city: 'Bengaluru',
        timezone: 'Asia/Kolkata',
        polygon: { type: 'Polygon', coordinates: [indiranagarSquare] },
      },
    }),
  );
  await createCategories(baseUrl, adminToken, ['cleaning']);
  return {
    hub,
    service: await created<CatalogService>(
      await api('/api/v1/catalog/services', {
        method: 'POST',
        token: adminToken,
        idempotencyKey: true,
        json: { ...service, category: 'cleaning', skill: 'cleaning' },
      }),
    ),
  };
}

/** An approved partner of `hubId` doing `serviceId`, as identity announces them (no phone login needed). */
export const partnerCreated = (partnerId: string, index: number, serviceId: string, hubId: string) =>
  createEvent(
    'identity.partner_created',
    {
      partnerId,
      name: `Partner ${index}`,
      phone: `+9198${String(index).padStart(8, '0')}`,
      photoUrl: null,
      skills: [serviceId],
      hubId,
      status: 'approved',
    },
    fromSystem,
  );

/** The hold's payment as the payments service announces it: the order opened, then the capture (confirms it). */
export function paymentFacts(hold: BookingView, customerId: string) {
  const order = {
    orderId: newId(),
    razorpayOrderId: `order_${randomUUID().slice(0, 14)}`,
    holdId: hold.id,
    customerId,
    amountPaise: hold.price.totalPaise,
    currency: 'INR' as const,
  };
  return {
    orderCreated: createEvent('payment.order_created', order, fromSystem),
    captured: createEvent(
      'payment.captured',
      {
        ...order,
        paymentId: newId(),
        razorpayPaymentId: `pay_${randomUUID().slice(0, 14)}`,
        method: 'upi',
        verifiedBy: 'webhook',
        capturedAt: new Date().toISOString(),
      },
      fromSystem,
    ),
  };
}

/** Facts other services would publish, straight onto the cluster's RabbitMQ. */
export async function publishFacts(cluster: Cluster, events: DomainEvent[]): Promise<void> {
  const bus = await createRabbitMqBus({
    url: process.env.RABBITMQ_URL as string,
    exchange: `${cluster.namespace}.events`,
    queuePrefix: cluster.namespace,
  });
  try {
    for (const event of events) await bus.publish(event);
  } finally {
    await bus.close();
  }
}

export interface CustomerAtHome {
  token: string;
  id: string;
  address: Address;
}

/** A customer signed in by OTP through `gatewayUrl`, with an address just west of `home`. */
export async function customerAtHome(gatewayUrl: string): Promise<CustomerAtHome> {
  const login = await loginByOtp(gatewayUrl, randomPhone(), 'customer');
  const address = await created<Address>(
    await apiAt(gatewayUrl)('/api/v1/locations/addresses', {
      method: 'POST',
      token: login.accessToken,
      idempotencyKey: true,
      json: { label: 'Home', line1: '12th Main', lat: home.lat, lng: home.lng - 0.01 },
    }),
  );
  return { token: login.accessToken, id: login.principal.id, address };
}

/** A paid "now" booking: a hold through the API at `gatewayUrl`, its payment as the payments service announces it. */
export async function paidNowBooking(
  cluster: Cluster,
  gatewayUrl: string,
  customer: CustomerAtHome,
  serviceId: string,
): Promise<BookingView> {
  const api = apiAt(gatewayUrl);
  const query = `serviceId=${serviceId}&addressId=${customer.address.id}`;
  await eventually(async () => {
    const answer = await api(`/api/v1/availability?${query}`, { token: customer.token });
    if (!((await answer.json()) as Availability).now.available) throw new Error('no partner free now yet');
  }, 20_000);
  const hold = await created<BookingView>(
    await api('/api/v1/holds', {
      method: 'POST',
      token: customer.token,
      idempotencyKey: true,
      json: { serviceId, addressId: customer.address.id, window: { kind: 'now' } },
    }),
  );
  const { orderCreated, captured } = paymentFacts(hold, customer.id);
  await publishFacts(cluster, [orderCreated]);
  await eventually(async () => {
    const view = await api(`/api/v1/bookings/${hold.id}`, { token: customer.token });
    const { status } = (await view.json()) as BookingView;
    if (status !== 'awaiting_payment') throw new Error(`the hold is ${status}, not awaiting_payment yet`);
  }, 20_000);
  await publishFacts(cluster, [captured]);
  return hold;
}

export interface PartnerOnDuty {
  id: string;
  token: string;
  gatewayUrl: string;
  socket: Awaited<ReturnType<typeof connectWebSocket>>;
}

/** An announced partner on duty at `home` through `gatewayUrl`, with a WebSocket on their own channel. */
export async function partnerOnDuty(
  cluster: Cluster,
  gatewayUrl: string,
  id: string,
): Promise<PartnerOnDuty> {
  const token = await cluster.tokenFor('partner', id);
  await eventually(() => dispatchAt(gatewayUrl).onDuty(token, home), 20_000);
  const socket = await connectWebSocket(gatewayUrl, token);
  await socket.subscribe(channels.partner(id));
  return { id, token, gatewayUrl, socket };
}
