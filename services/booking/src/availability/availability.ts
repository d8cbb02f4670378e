import type { PartnerScheduleInput } from '@zefy/contracts';
import { addDays, zonedDate, zonedInstant, zonedMinuteOfDay } from '@zefy/rules';
import type { Claim } from '../claims/claims.ts';
import { type Interval, workingIntervals } from '../schedule/schedule.ts';

/**
 * Slots start every 30 minutes and last the service's duration rounded up to 30 minutes (a 45-minute job
 * takes a 60-minute slot), so the rounding leaves the partner time to pack up and move on.
 */
export const slotGridMinutes = 30;

export const slotMinutesFor = (durationMinutes: number): number =>
  Math.max(1, Math.ceil(durationMinutes / slotGridMinutes)) * slotGridMinutes;

export interface AvailabilityPolicy {
  /** The earliest slot starts this long after now ("now" covers the time before it). */
  slotLeadMinutes: number;
  /** Days shown, today included. */
  horizonDays: number;
  /** How long a "now" partner may take to arrive: the hold covers travel and the job. */
  nowLeadMinutes: number;
}

export interface ScheduledPartner {
  partnerId: string;
  schedule: PartnerScheduleInput;
}

export interface Slot extends Interval {
  freePartnerIds: string[];
}

const minute = 60_000;

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

/** Of `partnerIds`, those with no claim overlapping `window`. */
export function freePartnerIds(
  window: Interval,
  partnerIds: readonly string[],
  claims: readonly Claim[],
): string[] {
  const busy = new Set(claims.filter((claim) => overlaps(claim, window)).map((claim) => claim.partnerId));
  return partnerIds.filter((id) => !busy.has(id));
}

/** The calendar days (in the hub's zone) availability is answered for, today first. */
export function bookableDates(now: number, timeZone: string, policy: AvailabilityPolicy): string[] {
  const today = zonedDate(now, timeZone);
  return Array.from({ length: policy.horizonDays }, (_, index) => addDays(today, index));
}

/** Of `partners`, those whose working hours on `date` cover the whole window. */
export function scheduledPartnerIds(
  window: Interval,
  date: string,
  timeZone: string,
  partners: readonly ScheduledPartner[],
): string[] {
  return partners
    .filter((partner) =>
      workingIntervals(partner.schedule, date, timeZone).some(
        (i) => i.start <= window.start && window.end <= i.end,
      ),
    )
    .map((partner) => partner.partnerId);
}

/** Every slot of `date` a customer may still book, with the scheduled partners free for the whole of it. */
export function daySlots(input: {
  date: string;
  timeZone: string;
  slotMinutes: number;
  now: number;
  policy: AvailabilityPolicy;
  partners: readonly ScheduledPartner[];
  claims: readonly Claim[];
}): Slot[] {
  const { date, timeZone, slotMinutes, now, policy } = input;
  const earliest = now + policy.slotLeadMinutes * minute;
  const slots: Slot[] = [];
  for (let startMinute = 0; startMinute + slotMinutes <= 24 * 60; startMinute += slotGridMinutes) {
    const start = zonedInstant(date, startMinute, timeZone);
    if (start < earliest) continue;
    const slot = { start, end: start + slotMinutes * minute };
    const scheduled = scheduledPartnerIds(slot, date, timeZone, input.partners);
    slots.push({ ...slot, freePartnerIds: freePartnerIds(slot, scheduled, input.claims) });
  }
  return slots;
}

/** The whole calendar day in the zone, as instants. */
export const dayInterval = (date: string, timeZone: string): Interval => ({
  start: zonedInstant(date, 0, timeZone),
  end: zonedInstant(date, 24 * 60, timeZone),
});

/** Checks a requested slot start: on the grid, in the horizon, late enough; returns its date and interval. */
export function resolveSlot(
  startsAt: number,
  input: { timeZone: string; slotMinutes: number; now: number; policy: AvailabilityPolicy },
): { ok: true; date: string; window: Interval } | { ok: false; problem: string } {
  const { timeZone, slotMinutes, now, policy } = input;
  const date = zonedDate(startsAt, timeZone);
  const startMinute = zonedMinuteOfDay(startsAt, timeZone);
  if (startsAt % minute !== 0 || startMinute % slotGridMinutes !== 0)
    return { ok: false, problem: `slots start on the hour or half past in ${timeZone}` };
  if (!bookableDates(now, timeZone, policy).includes(date))
    return { ok: false, problem: `slots can be booked for the next ${policy.horizonDays} days` };
  if (startsAt < now + policy.slotLeadMinutes * minute)
    return {
      ok: false,
      problem: `the earliest slot starts ${policy.slotLeadMinutes} minutes from now; book "now" instead`,
    };
  if (startMinute + slotMinutes > 24 * 60) return { ok: false, problem: 'the slot would run past midnight' };
  return { ok: true, date, window: { start: startsAt, end: startsAt + slotMinutes * minute } };
}

/** A "now" booking promises the partner from now until they could have arrived and finished. */
export const nowWindow = (now: number, slotMinutes: number, policy: AvailabilityPolicy): Interval => ({
  start: now,
  end: now + (policy.nowLeadMinutes + slotMinutes) * minute,
});

/** FNV-1a: a stable pseudo-random tie-break, so equal candidates are not always tried in the same order. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return value;
}

/** Order to try slot partners in: the least booked that day first, spread by the booking id on ties. */
export function rankSlotCandidates(
  partnerIds: readonly string[],
  claimsThatDay: readonly Claim[],
  bookingId: string,
): string[] {
  const load = new Map<string, number>();
  for (const claim of claimsThatDay) load.set(claim.partnerId, (load.get(claim.partnerId) ?? 0) + 1);
  return [...partnerIds].sort(
    (a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || hash(bookingId + a) - hash(bookingId + b),
  );
}
