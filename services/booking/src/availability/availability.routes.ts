import { bookingRoutes } from '@zefy/contracts';
import { AppError, implementRoute, newId, type ServiceContext } from '@zefy/platform';
import { priceBreakdown } from '@zefy/rules';
import type { FastifyInstance } from 'fastify';
import { getBookingView, placeHold } from '../booking/booking.repository.ts';
import type { BookingConfig } from '../config.ts';
import { readHubPresence } from '../presence/presence.store.ts';
import { nowCandidates } from '../presence/presence.ts';
import {
  type AddressProjection,
  getAddress,
  getCustomerPhone,
  getHub,
  getService,
  type HubProjection,
  listEligiblePartnerIds,
  type ServiceProjection,
} from '../projections/projections.repository.ts';
import { listSchedules } from '../schedule/schedule.repository.ts';
import { listLiveClaims } from './availability.repository.ts';
import {
  type AvailabilityPolicy,
  bookableDates,
  dayInterval,
  daySlots,
  freePartnerIds,
  nowWindow,
  rankSlotCandidates,
  resolveSlot,
  type ScheduledPartner,
  scheduledPartnerIds,
  slotMinutesFor,
} from './availability.ts';

interface Target {
  address: AddressProjection;
  service: ServiceProjection;
  /** Null when the address is outside every (active) hub. */
  hub: HubProjection | null;
  slotMinutes: number;
}

export function registerAvailabilityRoutes(
  app: FastifyInstance,
  context: ServiceContext,
  config: BookingConfig,
): void {
  const { db, cache, clock } = context;
  const policy: AvailabilityPolicy = {
    slotLeadMinutes: config.slotLeadMinutes,
    horizonDays: config.horizonDays,
    nowLeadMinutes: config.nowLeadMinutes,
  };

  /** The customer's own address and a bookable service; other customers' addresses do not exist. */
  async function resolveTarget(customerId: string, addressId: string, serviceId: string): Promise<Target> {
    const address = await getAddress(db.pool, addressId);
    if (!address || address.isDeleted || address.customerId !== customerId)
      throw new AppError('BOOKING.ADDRESS_NOT_FOUND', `You have no address ${addressId}`);
    const service = await getService(db.pool, serviceId);
    if (!service?.isActive)
      throw new AppError('BOOKING.SERVICE_NOT_FOUND', `Service ${serviceId} is not on offer`);
    const hub = address.isServiceable && address.hubId ? await getHub(db.pool, address.hubId) : null;
    return {
      address,
      service,
      hub: hub?.isActive ? hub : null,
      slotMinutes: slotMinutesFor(service.includedMinutes),
    };
  }

  /** Partners who could start now, nearest first, whose time is free for the whole "now" window. */
  async function nowAvailability(target: Target, hub: HubProjection, now: Date) {
    const window = nowWindow(now.getTime(), target.slotMinutes, policy);
    const eligible = await listEligiblePartnerIds(db.pool, hub.id, target.service.id);
    const online = nowCandidates({
      eligibleIds: eligible,
      presence: await readHubPresence(cache, hub.id),
      bbox: hub.bbox,
      origin:
        target.address.lat === null || target.address.lng === null
          ? null
          : { lat: target.address.lat, lng: target.address.lng },
      now: now.getTime(),
      freshSeconds: config.presenceFreshSeconds,
    });
    const claims = await listLiveClaims(db.pool, online, window, now);
    return { window, candidates: freePartnerIds(window, online, claims) };
  }

  /** Scheduled partners of the hub with the skill, and what is already claimed of their day. */
  async function dayCapacity(target: Target, hub: HubProjection, date: string, now: Date) {
    const eligible = await listEligiblePartnerIds(db.pool, hub.id, target.service.id);
    const partners: ScheduledPartner[] = (await listSchedules(db.pool, eligible)).map((stored) => ({
      partnerId: stored.partnerId,
      schedule: stored,
    }));
    const claims = await listLiveClaims(
      db.pool,
      partners.map((partner) => partner.partnerId),
      dayInterval(date, hub.timezone),
      now,
    );
    return { partners, claims };
  }

  implementRoute(app, db, bookingRoutes.getAvailability, async ({ principal, query }) => {
    const target = await resolveTarget(principal.id, query.addressId, query.serviceId);
    const now = clock.now();
    const { hub } = target;
    const base = {
      serviceId: target.service.id,
      addressId: target.address.id,
      slotMinutes: target.slotMinutes,
    };
    if (!hub)
      return {
        ...base,
        isServiceable: false,
        hubId: null,
        timezone: null,
        date: query.date ?? now.toISOString().slice(0, 10),
        now: { available: false },
        slots: [],
      };
    const dates = bookableDates(now.getTime(), hub.timezone, policy);
    const date = query.date ?? (dates[0] as string);
    if (!dates.includes(date))
      throw new AppError('BOOKING.DATE_OUT_OF_RANGE', `Pick a date from ${dates[0]} to ${dates.at(-1)}`);
    const { candidates } = await nowAvailability(target, hub, now);
    const { partners, claims } = await dayCapacity(target, hub, date, now);
    const slots = daySlots({
      date,
      timeZone: hub.timezone,
      slotMinutes: target.slotMinutes,
      now: now.getTime(),
      policy,
      partners,
      claims,
    });
    return {
      ...base,
      isServiceable: true,
      hubId: hub.id,
      timezone: hub.timezone,
      date,
      now: { available: candidates.length > 0 },
      slots: slots.map((slot) => ({
        startsAt: new Date(slot.start).toISOString(),
        endsAt: new Date(slot.end).toISOString(),
        available: slot.freePartnerIds.length > 0,
      })),
    };
  });

  implementRoute(app, db, bookingRoutes.placeHold, async ({ principal, body }) => {
    const target = await resolveTarget(principal.id, body.addressId, body.serviceId);
    const { hub } = target;
    if (!hub) throw new AppError('BOOKING.ADDRESS_NOT_SERVICEABLE', 'No hub serves this address yet');
    const now = clock.now();
    const bookingId = newId();
    let window: { start: number; end: number };
    let candidates: string[];
    if (body.window.kind === 'now') {
      ({ window, candidates } = await nowAvailability(target, hub, now));
      if (candidates.length === 0)
        throw new AppError('BOOKING.NO_CAPACITY', 'No partner is free nearby right now; pick a slot instead');
    } else {
      const slot = resolveSlot(Date.parse(body.window.startsAt), {
        timeZone: hub.timezone,
        slotMinutes: target.slotMinutes,
        now: now.getTime(),
        policy,
      });
      if (!slot.ok) throw new AppError('BOOKING.SLOT_INVALID', slot.problem);
      window = slot.window;
      const { partners, claims } = await dayCapacity(target, hub, slot.date, now);
      const free = freePartnerIds(
        window,
        scheduledPartnerIds(window, slot.date, hub.timezone, partners),
        claims,
      );
      if (free.length === 0) throw new AppError('BOOKING.NO_CAPACITY', 'This slot is taken; pick another');
      candidates = rankSlotCandidates(free, claims, bookingId);
    }
    await placeHold(
      db,
      {
        bookingId,
        customerId: principal.id,
        customerPhone: await getCustomerPhone(db.pool, principal.id),
        hubId: hub.id,
        serviceId: target.service.id,
        serviceName: target.service.name,
        addressId: target.address.id,
        kind: body.window.kind,
        window,
        price: priceBreakdown(target.service),
        candidates,
        holdTtlSeconds: config.holdTtlSeconds,
      },
      clock,
    );
    const view = await getBookingView(db.pool, bookingId);
    if (!view) throw new Error(`hold ${bookingId} vanished after commit`);
    return view;
  });
}
