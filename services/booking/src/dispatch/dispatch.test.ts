import type { DecideContext } from '@zefy/platform/domain';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import { type DispatchCommand, type DispatchEvent, dispatchDecider } from './dispatch.ts';
import { dispatchDefaults } from './settings.ts';
import { addSeconds } from './sla.ts';
import { candidate } from './waves.fixture.ts';
import type { Candidate, WaveTrigger } from './waves.ts';

const decider = dispatchDecider(dispatchDefaults);
const at = (time: string) => new Date(`2026-03-02T${time}Z`);
const system = (time: string): DecideContext => ({ actor: { kind: 'system', id: 'booking' }, now: at(time) });
const partner = (id: string, time: string): DecideContext => ({
  actor: { kind: 'partner', id },
  now: at(time),
});
const admin = (time: string): DecideContext => ({ actor: { kind: 'admin', id: 'admin-1' }, now: at(time) });

const window = {
  kind: 'now' as const,
  startsAt: '2026-03-02T10:00:00.000Z',
  endsAt: '2026-03-02T11:30:00.000Z',
};
const job = {
  bookingId: 'b-1',
  customerId: 'c-1',
  hubId: 'hub-1',
  area: 'Indiranagar',
  serviceName: 'Bathroom cleaning',
  window,
  timeZone: 'Asia/Kolkata',
  confirmedAt: '2026-03-02T10:00:00.000Z',
};
const ids = { bookingId: 'b-1', hubId: 'hub-1' };
const started: DispatchEvent = {
  type: 'dispatch.started',
  data: {
    ...job,
    earningPaise: 23_920,
    commissionBasisPoints: 2000,
    escalateAt: '2026-03-02T10:03:00.000Z',
    giveUpAt: '2026-03-02T10:10:00.000Z',
  },
};

const offersTo = (wave: number, trigger: WaveTrigger, partnerIds: string[], time: string): DispatchEvent => {
  const sentAt = at(time).toISOString();
  return {
    type: 'dispatch.offers_sent',
    data: {
      ...ids,
      wave,
      trigger,
      serviceName: 'Bathroom cleaning',
      area: 'Indiranagar',
      window,
      timeZone: 'Asia/Kolkata',
      earningPaise: 23_920,
      sentAt,
      expiresAt: addSeconds(sentAt, 30),
      acceptUntil: addSeconds(sentAt, 35),
      offers: partnerIds.map((partnerId) => ({
        offerId: `offer-${partnerId}`,
        partnerId,
        distanceMeters: 1000,
      })),
    },
  };
};
const withdrawn = (
  reason: 'taken' | 'reassigned' | 'partner_offline' | 'booking_cancelled',
  partnerIds: string[],
) => ({ type: 'dispatch.offers_withdrawn', data: { ...ids, reason, partnerIds } }) satisfies DispatchEvent;
const answer = (partnerId: string) => ({ offerId: `offer-${partnerId}`, bookingId: 'b-1', partnerId });
const rejectedBy = (partnerId: string): DispatchEvent => ({
  type: 'dispatch.offer_rejected',
  data: { ...answer(partnerId), reason: 'too_far', note: null },
});
const expiredFor = (partnerId: string): DispatchEvent => ({
  type: 'dispatch.offer_expired',
  data: answer(partnerId),
});
const assignedTo = (
  partnerId: string,
  fields: Partial<Extract<DispatchEvent, { type: 'dispatch.partner_assigned' }>['data']> = {},
) =>
  ({
    type: 'dispatch.partner_assigned',
    data: {
      ...ids,
      customerId: 'c-1',
      partnerId,
      assignedBy: 'partner',
      offerId: `offer-${partnerId}`,
      previousPartnerId: null,
      reason: null,
      window,
      ...fields,
    },
  }) satisfies DispatchEvent;
const nextWave = (...partners: Candidate[]): DispatchCommand => ({
  type: 'SendNextWave',
  candidates: partners,
});

/** The first wave went to p-1..p-3; p-4 was below the threshold and idle least. */
const firstWave = offersTo(1, 'head_start', ['p-1', 'p-2', 'p-3'], '10:00:01');
const allOffered = [started, firstWave, offersTo(2, 'open_to_all', ['p-4'], '10:00:11')];

describe('starting', () => {
  it('works out the earning and the deadlines of the confirmed booking', () => {
    given(decider)
      .when({ type: 'Start', job: { ...job, pretaxPaise: 29_900 } }, system('10:00:00'))
      .thenEmits(started);
  });

  it('changes nothing the second time, and is for the system only', () => {
    given(decider, started)
      .when({ type: 'Start', job: { ...job, pretaxPaise: 29_900 } }, system('10:00:02'))
      .thenEmits();
    given(decider)
      .when({ type: 'Start', job: { ...job, pretaxPaise: 29_900 } }, admin('10:00:00'))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });
});

describe('waves', () => {
  const settings = { ...dispatchDefaults, firstWaveSize: 4, fairSharePercent: 25 };
  const small = dispatchDecider(settings);
  const pool = [
    candidate('p-1', { reputation: 4.9 }),
    candidate('p-2', { reputation: 4.8 }),
    candidate('p-3', { reputation: 4.6 }),
    candidate('p-4', { reputation: 4.0, idleSeconds: 10 }),
    candidate('p-5', { reputation: 3.0, idleSeconds: 600 }),
  ];

  it('send the first wave to the best-ranked and the longest idle, counting down 30 s plus a 5 s grace', () => {
    given(small, started)
      .when(nextWave(...pool), system('10:00:01'))
      .thenEmits(offersTo(1, 'head_start', ['p-1', 'p-2', 'p-3', 'p-5'], '10:00:01'));
  });

  it('send nothing else while the head start lasts, then every eligible partner not offered it yet', () => {
    const headStart = offersTo(1, 'head_start', ['p-1', 'p-2', 'p-3', 'p-5'], '10:00:01');
    given(small, started, headStart)
      .when(nextWave(...pool), system('10:00:10.999'))
      .thenEmits();
    given(small, started, headStart)
      .when(nextWave(...pool, candidate('p-6')), system('10:00:11'))
      .thenEmits(offersTo(2, 'open_to_all', ['p-6', 'p-4'], '10:00:11'));
  });

  it('offer everyone at once when nobody reaches the reputation threshold', () => {
    given(decider, started)
      .when(
        nextWave(candidate('p-1', { reputation: 4 }), candidate('p-2', { reputation: 3 })),
        system('10:00:01'),
      )
      .thenEmits(offersTo(1, 'open_to_all', ['p-1', 'p-2'], '10:00:01'));
  });

  it('send nothing when nobody new is eligible, or once the job is assigned', () => {
    given(decider, ...allOffered)
      .when(nextWave(candidate('p-1'), candidate('p-4')), system('10:01:00'))
      .thenEmits();
    given(decider, started).when(nextWave(), system('10:00:01')).thenEmits();
    given(decider, ...allOffered, assignedTo('p-1'))
      .when(nextWave(candidate('p-9')), system('10:01:00'))
      .thenEmits();
  });

  it('add partners who come on duty later, never one who rejected or let the offer expire', () => {
    given(decider, ...allOffered, rejectedBy('p-2'), expiredFor('p-3'))
      .when(nextWave(candidate('p-2'), candidate('p-3'), candidate('p-7')), system('10:01:00'))
      .thenEmits(offersTo(3, 'open_to_all', ['p-7'], '10:01:00'));
  });

  it('offer the job again to a partner whose offer was withdrawn when they went off duty', () => {
    given(decider, ...allOffered, withdrawn('partner_offline', ['p-4']))
      .when(nextWave(candidate('p-4')), system('10:01:00'))
      .thenEmits(offersTo(3, 'open_to_all', ['p-4'], '10:01:00'));
  });
});

describe('a partner going off duty or busy', () => {
  it('withdraws their open offer', () => {
    given(decider, ...allOffered)
      .when(
        { type: 'PartnerUnavailable', partnerId: 'p-2', reason: 'partner_offline' },
        partner('p-2', '10:00:20'),
      )
      .thenEmits(withdrawn('partner_offline', ['p-2']));
    given(decider, ...allOffered)
      .when({ type: 'PartnerUnavailable', partnerId: 'p-2', reason: 'partner_busy' }, system('10:00:20'))
      .thenEmits({
        type: 'dispatch.offers_withdrawn',
        data: { ...ids, reason: 'partner_busy', partnerIds: ['p-2'] },
      });
  });

  it('changes nothing without an open offer, and is reported by the partner themselves only', () => {
    given(decider, ...allOffered, rejectedBy('p-2'))
      .when({ type: 'PartnerUnavailable', partnerId: 'p-2', reason: 'partner_offline' }, system('10:00:20'))
      .thenEmits();
    given(decider)
      .when({ type: 'PartnerUnavailable', partnerId: 'p-2', reason: 'partner_offline' }, system('10:00:20'))
      .thenEmits();
    given(decider, ...allOffered)
      .when(
        { type: 'PartnerUnavailable', partnerId: 'p-2', reason: 'partner_offline' },
        partner('p-3', '10:00:20'),
      )
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });
});

describe('accepting', () => {
  it('assigns the first partner to accept and withdraws every other open offer as taken', () => {
    const state = given(decider, ...allOffered, rejectedBy('p-3'))
      .when({ type: 'Accept', offerId: 'offer-p-2' }, partner('p-2', '10:00:15'))
      .thenEmits(assignedTo('p-2'), withdrawn('taken', ['p-1', 'p-4']));
    expect(state).toMatchObject({
      status: 'assigned',
      assignment: { partnerId: 'p-2', offerId: 'offer-p-2', assignedBy: 'partner' },
      standings: { withdrawn: ['p-1', 'p-4'], assigned: ['p-2'], rejected: ['p-3'] },
    });
  });

  it('refuses every later accept as taken, and changes nothing when the winner repeats theirs', () => {
    given(decider, ...allOffered, assignedTo('p-2'), withdrawn('taken', ['p-1', 'p-3', 'p-4']))
      .when({ type: 'Accept', offerId: 'offer-p-1' }, partner('p-1', '10:00:15'))
      .thenRefuses('DISPATCH.OFFER_TAKEN');
    given(decider, ...allOffered, assignedTo('p-2'))
      .when({ type: 'Accept', offerId: 'offer-p-2' }, partner('p-2', '10:00:16'))
      .thenEmits();
  });

  it('refuses an accept once the booking is cancelled or given up', () => {
    given(decider, ...allOffered, { type: 'dispatch.closed', data: ids })
      .when({ type: 'Accept', offerId: 'offer-p-1' }, partner('p-1', '10:00:15'))
      .thenRefuses('DISPATCH.JOB_CANCELLED');
    given(decider, ...allOffered, {
      type: 'dispatch.gave_up',
      data: { ...ids, customerId: 'c-1', reason: 'no_partner_found' },
    })
      .when({ type: 'Accept', offerId: 'offer-p-1' }, partner('p-1', '10:10:00'))
      .thenRefuses('DISPATCH.JOB_CANCELLED');
  });

  it('refuses a partner without an open offer for the job, saying why', () => {
    given(decider, ...allOffered)
      .when({ type: 'Accept', offerId: 'offer-p-9' }, partner('p-9', '10:00:15'))
      .thenRefuses('DISPATCH.OFFER_NOT_FOUND');
    given(decider, ...allOffered, rejectedBy('p-1'))
      .when({ type: 'Accept', offerId: 'offer-p-1' }, partner('p-1', '10:00:15'))
      .thenRefuses('DISPATCH.OFFER_ANSWERED');
    given(decider, ...allOffered, expiredFor('p-1'))
      .when({ type: 'Accept', offerId: 'offer-p-1' }, partner('p-1', '10:00:40'))
      .thenRefuses('DISPATCH.OFFER_EXPIRED');
    given(decider, ...allOffered, withdrawn('partner_offline', ['p-1']))
      .when({ type: 'Accept', offerId: 'offer-p-1' }, partner('p-1', '10:00:15'))
      .thenRefuses('DISPATCH.OFFER_WITHDRAWN');
    given(decider, ...allOffered)
      .when({ type: 'Accept', offerId: 'offer-p-1' }, admin('10:00:15'))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });
});

describe('an admin assigning', () => {
  const assign = (
    partnerId: string,
    expectedPartnerId: string | null,
    fields: Partial<DispatchCommand> = {},
  ) =>
    ({
      type: 'AssignByAdmin',
      partnerId,
      reason: ' customer asked ',
      expectedPartnerId,
      isEligible: true,
      ...fields,
    }) as DispatchCommand;

  it('assigns an eligible partner with the reason and withdraws every open offer', () => {
    given(decider, ...allOffered)
      .when(assign('p-9', null), admin('10:01:00'))
      .thenEmits(
        assignedTo('p-9', { assignedBy: 'admin', offerId: null, reason: 'customer asked' }),
        withdrawn('reassigned', ['p-1', 'p-2', 'p-3', 'p-4']),
      );
  });

  it('reassigns: the previous partner is released and named', () => {
    given(decider, ...allOffered, assignedTo('p-2'), withdrawn('taken', ['p-1', 'p-3', 'p-4']))
      .when(assign('p-9', 'p-2'), admin('10:02:00'))
      .thenEmits(
        { type: 'dispatch.partner_released', data: { ...ids, partnerId: 'p-2', reason: 'reassigned' } },
        assignedTo('p-9', {
          assignedBy: 'admin',
          offerId: null,
          previousPartnerId: 'p-2',
          reason: 'customer asked',
        }),
      );
  });

  it('has one outcome when a partner accepted meanwhile: the admin is told, nothing changes', () => {
    given(decider, ...allOffered, assignedTo('p-2'))
      .when(assign('p-9', null), admin('10:01:00'))
      .thenRefuses('DISPATCH.ASSIGNMENT_CHANGED');
  });

  it('needs a reason and an eligible partner; assigning the assignee again changes nothing', () => {
    given(decider, ...allOffered)
      .when(assign('p-9', null, { reason: ' ' }), admin('10:01:00'))
      .thenRefuses('DISPATCH.REASON_REQUIRED');
    given(decider, ...allOffered)
      .when(assign('p-9', null, { isEligible: false }), admin('10:01:00'))
      .thenRefuses('DISPATCH.PARTNER_NOT_ELIGIBLE');
    given(decider, ...allOffered, assignedTo('p-2'))
      .when(assign('p-2', 'p-2'), admin('10:01:00'))
      .thenEmits();
  });

  it('is refused for a booking not waiting for a partner, and to anyone but an admin', () => {
    given(decider).when(assign('p-9', null), admin('10:01:00')).thenRefuses('DISPATCH.NOT_OPEN');
    given(decider, ...allOffered, { type: 'dispatch.closed', data: ids })
      .when(assign('p-9', null), admin('10:01:00'))
      .thenRefuses('DISPATCH.NOT_OPEN');
    given(decider, ...allOffered)
      .when(assign('p-9', null), partner('p-9', '10:01:00'))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });
});

describe('the assigned partner backing out', () => {
  const assigned = [...allOffered, assignedTo('p-2'), withdrawn('taken', ['p-1', 'p-3', 'p-4'])];
  const cancelled: DispatchEvent[] = [
    {
      type: 'dispatch.partner_cancelled',
      data: { ...ids, customerId: 'c-1', partnerId: 'p-2', reason: 'bike broke down' },
    },
    {
      type: 'dispatch.requeued',
      data: {
        bookingId: 'b-1',
        escalateAt: '2026-03-02T10:05:00.000Z',
        giveUpAt: '2026-03-02T10:15:00.000Z',
      },
    },
  ];

  it('counts against them and puts the job back at the front of the queue, escalated at once', () => {
    const state = given(decider, ...assigned)
      .when({ type: 'CancelAfterAccept', reason: ' bike broke down' }, partner('p-2', '10:05:00'))
      .thenEmits(...cancelled);
    expect(state).toMatchObject({
      status: 'offering',
      isPriority: true,
      assignment: null,
      escalatedAt: null,
    });
  });

  it('offers the job at once to everyone it was taken from and to newcomers, never to them', () => {
    given(decider, ...assigned, ...cancelled)
      .when(
        nextWave(candidate('p-1', { reputation: 5 }), candidate('p-2'), candidate('p-3'), candidate('p-8')),
        system('10:05:01'),
      )
      .thenEmits(offersTo(3, 'open_to_all', ['p-1', 'p-3', 'p-8'], '10:05:01'));
  });

  it('is only for the assigned partner', () => {
    given(decider, ...assigned)
      .when({ type: 'CancelAfterAccept', reason: null }, partner('p-1', '10:05:00'))
      .thenRefuses('DISPATCH.JOB_NOT_FOUND');
    given(decider, ...allOffered)
      .when({ type: 'CancelAfterAccept', reason: null }, partner('p-1', '10:05:00'))
      .thenRefuses('DISPATCH.JOB_NOT_FOUND');
    given(decider, ...assigned, { type: 'dispatch.closed', data: ids })
      .when({ type: 'CancelAfterAccept', reason: null }, partner('p-2', '10:05:00'))
      .thenRefuses('DISPATCH.JOB_CANCELLED');
  });
});

describe('an admin resending', () => {
  it('offers the job again to everyone eligible who did not reject it, expired offers included', () => {
    given(decider, ...allOffered, rejectedBy('p-1'), expiredFor('p-2'))
      .when(
        { type: 'Resend', candidates: ['p-1', 'p-2', 'p-3', 'p-5'].map((id) => candidate(id)) },
        admin('10:02:00'),
      )
      .thenEmits(offersTo(3, 'resend', ['p-2', 'p-5'], '10:02:00'));
  });

  it('is refused when nobody is left, or the booking is not waiting for a partner', () => {
    given(decider, ...allOffered, rejectedBy('p-1'))
      .when({ type: 'Resend', candidates: [candidate('p-1'), candidate('p-2')] }, admin('10:02:00'))
      .thenRefuses('DISPATCH.NO_ELIGIBLE_PARTNER');
    given(decider, ...allOffered, assignedTo('p-1'))
      .when({ type: 'Resend', candidates: [candidate('p-9')] }, admin('10:02:00'))
      .thenRefuses('DISPATCH.NOT_OPEN');
  });
});

describe('deadlines', () => {
  const check: DispatchCommand = { type: 'CheckDeadlines' };
  const escalated: DispatchEvent = {
    type: 'dispatch.escalated',
    data: {
      ...ids,
      customerId: 'c-1',
      escalatedAt: '2026-03-02T10:03:00.000Z',
      giveUpAt: '2026-03-02T10:10:00.000Z',
      offeredCount: 4,
      rejectedCount: 1,
      isPriority: false,
    },
  };

  it('escalate once, when the escalation point is reached', () => {
    given(decider, ...allOffered, rejectedBy('p-1'))
      .when(check, system('10:02:59.999'))
      .thenEmits();
    given(decider, ...allOffered, rejectedBy('p-1'))
      .when(check, system('10:03:00'))
      .thenEmits(escalated);
    given(decider, ...allOffered, rejectedBy('p-1'), escalated)
      .when(check, system('10:04:00'))
      .thenEmits();
  });

  it('give up at the hard limit, withdrawing the open offers', () => {
    given(decider, ...allOffered, rejectedBy('p-1'), escalated)
      .when(check, system('10:09:59.999'))
      .thenEmits();
    const state = given(decider, ...allOffered, rejectedBy('p-1'), escalated)
      .when(check, system('10:10:00'))
      .thenEmits(
        { type: 'dispatch.gave_up', data: { ...ids, customerId: 'c-1', reason: 'no_partner_found' } },
        withdrawn('booking_cancelled', ['p-2', 'p-3', 'p-4']),
      );
    expect(state.status).toBe('no_partner_found');
  });

  it('do nothing once a partner is assigned', () => {
    given(decider, ...allOffered, assignedTo('p-1'))
      .when(check, system('10:30:00'))
      .thenEmits();
  });
});

describe('closing when the booking is cancelled', () => {
  it('withdraws the open offers, or releases the assigned partner', () => {
    given(decider, ...allOffered)
      .when({ type: 'Close' }, { actor: { kind: 'customer', id: 'c-1' }, now: at('10:01:00') })
      .thenEmits(
        { type: 'dispatch.closed', data: ids },
        withdrawn('booking_cancelled', ['p-1', 'p-2', 'p-3', 'p-4']),
      );
    given(decider, ...allOffered, assignedTo('p-1'), withdrawn('taken', ['p-2', 'p-3', 'p-4']))
      .when({ type: 'Close' }, admin('10:01:00'))
      .thenEmits(
        { type: 'dispatch.closed', data: ids },
        {
          type: 'dispatch.partner_released',
          data: { ...ids, partnerId: 'p-1', reason: 'booking_cancelled' },
        },
      );
  });

  it('changes nothing before dispatch started or once it is over', () => {
    given(decider).when({ type: 'Close' }, system('10:01:00')).thenEmits();
    given(decider, ...allOffered, { type: 'dispatch.closed', data: ids })
      .when({ type: 'Close' }, system('10:02:00'))
      .thenEmits();
  });
});

describe('the round state', () => {
  it('stays small with 1,000 partners offered', () => {
    const partnerIds = Array.from(
      { length: 1000 },
      (_, index) => `0195f1c2-7a3b-7c4d-8e5f-${String(index).padStart(12, '0')}`,
    );
    const state = given(decider, started, offersTo(1, 'open_to_all', partnerIds, '10:00:01')).state;
    expect(JSON.stringify(state).length).toBeLessThan(50_000);
  });
});
