import { describe, expect, it } from 'vitest';
import type { PresenceRecord } from '../presence/presence.ts';
import { freshPresence, type HubDay, hubDashboard } from './dashboard.ts';

const day: HubDay = {
  hubId: 'hub-1',
  hubName: 'Indiranagar',
  timeZone: 'Asia/Kolkata',
  today: '2026-03-02',
  bookingsToday: [{ status: 'confirmed', count: 2 }],
  waitingForPartner: 2,
  slaBreaches: 1,
  otpLocked: 0,
};
const now = new Date('2026-03-02T06:00:00.000Z');
const seen = (secondsAgo: number, online = true): PresenceRecord => ({
  online,
  lat: 12.97,
  lng: 77.64,
  seenAt: new Date(now.getTime() - secondsAgo * 1000).toISOString(),
  onlineSince: new Date(now.getTime() - 3600_000).toISOString(),
});

describe('hubDashboard', () => {
  it('counts partners online with a fresh heartbeat, not those gone quiet or offline, and says who and where', () => {
    const presence = [
      ['p-10', seen(10)],
      ['p-59', seen(59)],
      ['p-61', seen(61)],
      ['p-off', seen(5, false)],
      ['p-nowhere', { ...seen(5), lat: null, lng: null }],
    ] as const;
    const online = freshPresence(presence, now, 60);
    const figures = hubDashboard(day, online, new Map([['p-10', 'Asha Rao']]));
    expect(figures).toEqual({
      ...day,
      partnersOnline: 3,
      partnersOnDuty: [
        { partnerId: 'p-10', name: 'Asha Rao', lat: 12.97, lng: 77.64, lastSeenAt: seen(10).seenAt },
        { partnerId: 'p-59', name: null, lat: 12.97, lng: 77.64, lastSeenAt: seen(59).seenAt },
      ],
    });
  });

  it('passes the day through, its SLA breaches included, with nobody online', () => {
    expect(hubDashboard(day, [], new Map())).toEqual({
      ...day,
      partnersOnline: 0,
      partnersOnDuty: [],
    });
  });
});
