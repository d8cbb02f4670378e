import type { AdminHubDashboard, BookingStatus } from '@zefy/contracts';
import { isFresh, type PresenceRecord, positionOf } from '../presence/presence.ts';

/** What the database knows of a hub's day (dashboard.repository.ts). */
export interface HubDay {
  hubId: string;
  hubName: string;
  timeZone: string;
  today: string;
  bookingsToday: Array<{ status: BookingStatus; count: number }>;
  waitingForPartner: number;
  /** Bookings still waiting for a partner past their escalation deadline. */
  slaBreaches: number;
  /** Jobs locked after too many wrong codes, waiting for the team to reissue them. */
  otpLocked: number;
}

/** The partners online now: a fresh heartbeat, as availability counts them. */
export const freshPresence = (
  presence: Iterable<readonly [partnerId: string, record: PresenceRecord]>,
  now: Date,
  freshSeconds: number,
) => [...presence].filter(([, record]) => isFresh(record, now.getTime(), freshSeconds));

/**
 * A hub's figures for the console: its day from the database, and how many of its partners are online now
 * and where, by name (the live map).
 */
export function hubDashboard(
  day: HubDay,
  online: ReadonlyArray<readonly [partnerId: string, record: PresenceRecord]>,
  names: ReadonlyMap<string, string>,
): AdminHubDashboard {
  const partnersOnDuty: AdminHubDashboard['partnersOnDuty'] = online.flatMap(([partnerId, record]) => {
    const position = positionOf(record);
    return position
      ? [{ partnerId, name: names.get(partnerId) ?? null, ...position, lastSeenAt: record.seenAt }]
      : [];
  });
  return { ...day, partnersOnline: online.length, partnersOnDuty };
}
