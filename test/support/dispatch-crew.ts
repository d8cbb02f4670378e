import { randomUUID } from 'node:crypto';
import type { BookingView, CatalogService, Hub } from '@zefy/contracts';
import { createEvent, newId, systemClock } from '@zefy/platform';
import { apiAt, createCategories } from './api.ts';

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
