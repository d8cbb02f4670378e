import { describe, expect, it } from 'vitest';
import type { PresenceRecord } from '../presence/presence.ts';
import { type PoolPartner, type PoolView, poolRows, waveCandidates } from './pool.ts';
import { newPartnerRecord } from './reputation.ts';
import { dispatchDefaults } from './settings.ts';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
const onDuty = (lat: number, sinceSeconds = 600, seenSeconds = 5): PresenceRecord => ({
  online: true,
  lat,
  lng: 77.6066,
  seenAt: ago(seenSeconds),
  onlineSince: ago(sinceSeconds),
});
const partner = (partnerId: string, fields: Partial<PoolPartner> = {}): PoolPartner => ({
  partnerId,
  name: partnerId,
  phone: null,
  photoUrl: null,
  record: newPartnerRecord,
  lastJobFinishedAt: null,
  presence: null,
  isScheduled: false,
  openOffers: 0,
  ...fields,
});
const view = (kind: 'now' | 'slot'): PoolView => ({
  kind,
  now,
  freshSeconds: 60,
  bbox: [77.4, 12.8, 77.8, 13.1],
  origin: { lat: 12.9756, lng: 77.6066 },
  reputation: dispatchDefaults,
});
const mint = () => {
  const minted: string[] = [];
  return () => {
    minted.push(`offer-${minted.length + 1}`);
    return minted.at(-1) as string;
  };
};

describe('who a wave may go to', () => {
  const pool = [
    partner('near', { presence: onDuty(12.9766), openOffers: 2 }),
    partner('stale', { presence: onDuty(12.9766, 600, 120), isScheduled: true }),
    partner('outside', { presence: onDuty(19.07) }),
    partner('off', { presence: { ...onDuty(12.98), online: false, onlineSince: null }, isScheduled: true }),
    partner('unknown', { isScheduled: true }),
  ];

  it('offers a "now" job to the partners on duty: online, fresh, inside the hub', () => {
    expect(waveCandidates(pool, view('now'), mint())).toEqual([
      {
        partnerId: 'near',
        offerId: 'offer-1',
        reputation: 4.5,
        idleSeconds: 600,
        distanceMeters: 111,
        openOffers: 2,
      },
    ]);
  });

  it('offers a slot to the partners scheduled for it, on duty or not, nearest known position or 0', () => {
    const candidates = waveCandidates(pool, view('slot'), mint());
    expect(candidates.map((candidate) => [candidate.partnerId, candidate.distanceMeters])).toEqual([
      ['stale', 111],
      ['off', 489],
      ['unknown', 0],
    ]);
  });

  it('counts idle time from the later of the last job’s end and coming on duty, and ranks by reputation', () => {
    const [rested, busy] = waveCandidates(
      [
        partner('rested', { presence: onDuty(12.9766, 300), lastJobFinishedAt: ago(7200) }),
        partner('busy', {
          presence: onDuty(12.9766, 7200),
          lastJobFinishedAt: ago(60),
          record: { ...newPartnerRecord, acceptedJobs: 10, cancellationsAfterAccept: 3 },
        }),
      ],
      view('now'),
      mint(),
    );
    expect(rested).toMatchObject({ idleSeconds: 300, reputation: 4.5 });
    expect(busy?.idleSeconds).toBe(60);
    expect(busy?.reputation).toBeCloseTo(4.5 - 15 / 30, 10);
  });
});

describe('the pool as the team sees it', () => {
  it('lists partners on duty first, then by reputation, then nearest, with their place in the round', () => {
    const rows = poolRows(
      [
        partner('far-on-duty', { presence: onDuty(13.0) }),
        partner('offline-unknown', { isScheduled: true }),
        partner('near-on-duty', { presence: onDuty(12.976) }),
      ],
      view('now'),
      (partnerId) => (partnerId === 'near-on-duty' ? 'rejected' : undefined),
    );
    expect(rows.map((row) => [row.partnerId, row.isOnline, row.standing, row.distanceMeters])).toEqual([
      ['near-on-duty', true, 'rejected', 44],
      ['far-on-duty', true, null, 2713],
      ['offline-unknown', false, null, null],
    ]);
  });
});
