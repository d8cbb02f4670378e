import type { Availability, HoldRequest } from '@zefy/contracts';
import { AppError, newId } from '@zefy/platform';
import { priceBreakdown } from '@zefy/rules';
import type { HoldPlan } from '../booking/booking.commands.ts';
import { listLiveClaims, type OwnHolds } from '../claims/claims.repository.ts';
import type { BookingDeps } from '../deps.ts';
import { readHubPresence } from '../presence/presence.store.ts';
import { nowCandidates } from '../presence/presence.ts';
import {
  type AddressProjection,
  customers,
  findAddressServiceAndHub,
  findProjection,
  type HubProjection,
  listEligiblePartnerIds,
  type ServiceProjection,
} from '../projections/projections.repository.ts';
import { listSchedules } from '../schedule/schedule.repository.ts';
import {
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

/** What a customer asks about: their own address and a bookable service, and the hub serving it (if any). */
interface Target {
  address: AddressProjection;
  service: ServiceProjection;
  /** Null when the address is outside every (active) hub. */
  hub: HubProjection | null;
  slotMinutes: number;
}

/** A target a hub serves, with the partners who may do the service there, read once per request. */
interface ServedTarget extends Target {
  hub: HubProjection;
  eligiblePartnerIds: string[];
}

/** Other customers' addresses do not exist, as far as this customer can tell. */
async function resolveTarget(
  deps: BookingDeps,
  request: { customerId: string; addressId: string; serviceId: string },
): Promise<Target> {
  const { address, service, hub } = await findAddressServiceAndHub(
    deps.db.pool,
    request.addressId,
    request.serviceId,
  );
  if (!address || address.isDeleted || address.customerId !== request.customerId)
    throw new AppError('BOOKING.ADDRESS_NOT_FOUND', `You have no address ${request.addressId}`);
  if (!service?.isActive)
    throw new AppError('BOOKING.SERVICE_NOT_FOUND', `Service ${request.serviceId} is not on offer`);
  return {
    address,
    service,
    hub: hub?.isActive ? hub : null,
    slotMinutes: slotMinutesFor(service.includedMinutes),
  };
}

async function servedTarget(
  deps: BookingDeps,
  target: Target & { hub: HubProjection },
): Promise<ServedTarget> {
  const eligiblePartnerIds = await listEligiblePartnerIds(deps.db.pool, target.hub.id, target.service.id);
  return { ...target, eligiblePartnerIds };
}

/** The customer's own unpaid holds a new hold of theirs would supersede: their time is free to them. */
const ownHoldsOf = (target: Target): OwnHolds => ({
  customerId: target.address.customerId,
  serviceId: target.service.id,
  addressId: target.address.id,
});

/** Partners who could start now, nearest first, whose time is free for the whole "now" window. */
async function nowCapacity(deps: BookingDeps, target: ServedTarget, now: Date) {
  const { address, hub } = target;
  const window = nowWindow(now.getTime(), target.slotMinutes, deps.settings);
  const online = nowCandidates({
    eligibleIds: target.eligiblePartnerIds,
    presence: await readHubPresence(deps.cache, hub.id),
    bbox: hub.bbox,
    origin: address.lat === null || address.lng === null ? null : { lat: address.lat, lng: address.lng },
    now: now.getTime(),
    freshSeconds: deps.settings.presenceFreshSeconds,
  });
  const claims = await listLiveClaims(deps.db.pool, online, window, now, null, ownHoldsOf(target));
  return { window, candidates: freePartnerIds(window, online, claims) };
}

/** The eligible partners' schedules, and what is already claimed of their day. */
async function dayCapacity(deps: BookingDeps, target: ServedTarget, date: string, now: Date) {
  const partners: ScheduledPartner[] = (await listSchedules(deps.db.pool, target.eligiblePartnerIds)).map(
    (stored) => ({ partnerId: stored.partnerId, schedule: stored }),
  );
  const claims = await listLiveClaims(
    deps.db.pool,
    partners.map((partner) => partner.partnerId),
    dayInterval(date, target.hub.timezone),
    now,
    null,
    ownHoldsOf(target),
  );
  return { partners, claims };
}

/** Whether a partner can be promised now, and which slots of the day (the first bookable one by default). */
export async function getAvailability(
  deps: BookingDeps,
  customerId: string,
  query: { serviceId: string; addressId: string; date?: string },
): Promise<Availability> {
  const target = await resolveTarget(deps, { customerId, ...query });
  const now = deps.clock.now();
  const base = {
    serviceId: target.service.id,
    addressId: target.address.id,
    slotMinutes: target.slotMinutes,
  };
  const { hub } = target;
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
  const dates = bookableDates(now.getTime(), hub.timezone, deps.settings);
  const date = query.date ?? (dates[0] as string);
  if (!dates.includes(date))
    throw new AppError('BOOKING.DATE_OUT_OF_RANGE', `Pick a date from ${dates[0]} to ${dates.at(-1)}`);
  const served = await servedTarget(deps, { ...target, hub });
  const { candidates } = await nowCapacity(deps, served, now);
  const { partners, claims } = await dayCapacity(deps, served, date, now);
  const slots = daySlots({
    date,
    timeZone: hub.timezone,
    slotMinutes: target.slotMinutes,
    now: now.getTime(),
    policy: deps.settings,
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
}

/** The window a hold asks for, and the partners free for it, best first (none: NO_CAPACITY). */
async function holdCandidates(
  deps: BookingDeps,
  target: ServedTarget,
  window: HoldRequest['window'],
  bookingId: string,
) {
  const now = deps.clock.now();
  if (window.kind === 'now') {
    const capacity = await nowCapacity(deps, target, now);
    if (capacity.candidates.length === 0)
      throw new AppError('BOOKING.NO_CAPACITY', 'No partner is free nearby right now; pick a slot instead');
    return capacity;
  }
  const { hub } = target;
  const slot = resolveSlot(Date.parse(window.startsAt), {
    timeZone: hub.timezone,
    slotMinutes: target.slotMinutes,
    now: now.getTime(),
    policy: deps.settings,
  });
  if (!slot.ok) throw new AppError('BOOKING.SLOT_INVALID', slot.problem);
  const { partners, claims } = await dayCapacity(deps, target, slot.date, now);
  const free = freePartnerIds(
    slot.window,
    scheduledPartnerIds(slot.window, slot.date, hub.timezone, partners),
    claims,
  );
  if (free.length === 0) throw new AppError('BOOKING.NO_CAPACITY', 'This slot is taken; pick another');
  return { window: slot.window, candidates: rankSlotCandidates(free, claims, bookingId) };
}

/** What a hold request resolves to: its terms and the partners to try, for the booking to place. */
export async function planHold(
  deps: BookingDeps,
  customerId: string,
  request: HoldRequest,
): Promise<HoldPlan> {
  const target = await resolveTarget(deps, { customerId, ...request });
  const { hub } = target;
  if (!hub) throw new AppError('BOOKING.ADDRESS_NOT_SERVICEABLE', 'No hub serves this address yet');
  const bookingId = newId();
  const served = await servedTarget(deps, { ...target, hub });
  const { window, candidates } = await holdCandidates(deps, served, request.window, bookingId);
  const customer = await findProjection(deps.db.pool, customers, customerId);
  return {
    bookingId,
    customerId,
    customerPhone: customer?.phone ?? null,
    hubId: hub.id,
    timeZone: hub.timezone,
    serviceId: target.service.id,
    serviceName: target.service.name,
    addressId: target.address.id,
    kind: request.window.kind,
    window,
    price: priceBreakdown(target.service),
    candidates,
  };
}
