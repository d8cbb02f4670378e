import type { DecideContext } from '@zefy/platform/domain';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import { type OfferEvent, type OffersSent, type OfferTerms, offerDecider, offersIn } from './offer.ts';

const terms: OfferTerms = {
  offerId: 'offer-1',
  bookingId: 'b-1',
  hubId: 'hub-1',
  partnerId: 'p-1',
  wave: 1,
  sentAt: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-02T10:00:30.000Z',
  acceptUntil: '2026-03-02T10:00:35.000Z',
  earningPaise: 23_920,
  distanceMeters: 1200,
};
const sent: OfferEvent = { type: 'dispatch.offer_sent', data: terms };
const answer = { offerId: 'offer-1', bookingId: 'b-1', partnerId: 'p-1' };

const at = (time: string, actor: DecideContext['actor'] = { kind: 'partner', id: 'p-1' }): DecideContext => ({
  actor,
  now: new Date(`2026-03-02T${time}Z`),
});
const withdrawn = (
  reason: 'taken' | 'reassigned' | 'partner_offline' | 'partner_busy' | 'booking_cancelled',
) =>
  ({
    type: 'dispatch.offers_withdrawn',
    data: { bookingId: 'b-1', hubId: 'hub-1', reason, partnerIds: ['p-9', 'p-1'] },
  }) satisfies OfferEvent;
const accepted: OfferEvent = {
  type: 'dispatch.offer_accepted',
  data: { ...answer, acceptedAt: '2026-03-02T10:00:10.000Z' },
};
const rejected: OfferEvent = {
  type: 'dispatch.offer_rejected',
  data: { ...answer, reason: 'too_far', note: null },
};

describe('accepting an offer', () => {
  it('is taken from its partner before the countdown ends', () => {
    given(offerDecider, sent).when({ type: 'Accept' }, at('10:00:10')).thenEmits(accepted);
  });

  it('is still taken in the grace after the countdown, up to the last millisecond', () => {
    given(offerDecider, sent)
      .when({ type: 'Accept' }, at('10:00:35.000'))
      .thenEmits({
        type: 'dispatch.offer_accepted',
        data: { ...answer, acceptedAt: '2026-03-02T10:00:35.000Z' },
      });
  });

  it('is refused as expired (410) one millisecond after the grace', () => {
    given(offerDecider, sent)
      .when({ type: 'Accept' }, at('10:00:35.001'))
      .thenRefuses('DISPATCH.OFFER_EXPIRED');
  });

  it("is refused as not found for someone else's offer, an admin, or no offer at all", () => {
    given(offerDecider, sent)
      .when({ type: 'Accept' }, at('10:00:10', { kind: 'partner', id: 'p-2' }))
      .thenRefuses('DISPATCH.OFFER_NOT_FOUND');
    given(offerDecider, sent)
      .when({ type: 'Accept' }, at('10:00:10', { kind: 'admin', id: 'p-1' }))
      .thenRefuses('DISPATCH.OFFER_NOT_FOUND');
    given(offerDecider).when({ type: 'Accept' }, at('10:00:10')).thenRefuses('DISPATCH.OFFER_NOT_FOUND');
  });

  it('is refused as taken (409) once another partner or an admin took the job', () => {
    given(offerDecider, sent, withdrawn('taken'))
      .when({ type: 'Accept' }, at('10:00:10'))
      .thenRefuses('DISPATCH.OFFER_TAKEN');
    given(offerDecider, sent, withdrawn('reassigned'))
      .when({ type: 'Accept' }, at('10:00:10'))
      .thenRefuses('DISPATCH.OFFER_TAKEN');
  });

  it('says why an offer was withdrawn otherwise: cancelled, off duty, busy', () => {
    given(offerDecider, sent, withdrawn('booking_cancelled'))
      .when({ type: 'Accept' }, at('10:00:10'))
      .thenRefuses('DISPATCH.JOB_CANCELLED');
    given(offerDecider, sent, withdrawn('partner_offline'))
      .when({ type: 'Accept' }, at('10:00:10'))
      .thenRefuses('DISPATCH.OFFER_WITHDRAWN');
    given(offerDecider, sent, withdrawn('partner_busy'))
      .when({ type: 'Accept' }, at('10:00:10'))
      .thenRefuses('DISPATCH.OFFER_WITHDRAWN');
  });

  it('changes nothing when repeated, and is refused after a rejection or an expiry', () => {
    given(offerDecider, sent, accepted).when({ type: 'Accept' }, at('10:00:11')).thenEmits();
    given(offerDecider, sent, rejected)
      .when({ type: 'Accept' }, at('10:00:11'))
      .thenRefuses('DISPATCH.OFFER_ANSWERED');
    given(offerDecider, sent, { type: 'dispatch.offer_expired', data: answer })
      .when({ type: 'Accept' }, at('10:00:11'))
      .thenRefuses('DISPATCH.OFFER_EXPIRED');
  });
});

describe('rejecting an offer', () => {
  it('records the reason and the trimmed note', () => {
    given(offerDecider, sent)
      .when({ type: 'Reject', reason: 'other', note: '  flat tyre ' }, at('10:00:05'))
      .thenEmits({
        type: 'dispatch.offer_rejected',
        data: { ...answer, reason: 'other', note: 'flat tyre' },
      });
  });

  it('keeps no empty note', () => {
    given(offerDecider, sent)
      .when({ type: 'Reject', reason: 'too_far', note: '  ' }, at('10:00:05'))
      .thenEmits(rejected);
  });

  it('changes nothing when repeated and is refused once accepted or withdrawn', () => {
    given(offerDecider, sent, rejected).when({ type: 'Reject', reason: 'busy' }, at('10:00:06')).thenEmits();
    given(offerDecider, sent, accepted)
      .when({ type: 'Reject', reason: 'busy' }, at('10:00:11'))
      .thenRefuses('DISPATCH.OFFER_ANSWERED');
    given(offerDecider, sent, withdrawn('taken'))
      .when({ type: 'Reject', reason: 'busy' }, at('10:00:11'))
      .thenRefuses('DISPATCH.OFFER_TAKEN');
  });
});

describe('expiring an offer', () => {
  it('waits out the grace, then expires an open offer once', () => {
    given(offerDecider, sent)
      .when({ type: 'Expire' }, at('10:00:35', { kind: 'system', id: 'booking' }))
      .thenEmits();
    const expired = given(offerDecider, sent)
      .when({ type: 'Expire' }, at('10:00:35.001', { kind: 'system', id: 'booking' }))
      .thenEmits({ type: 'dispatch.offer_expired', data: answer });
    expect(expired.status).toBe('expired');
  });

  it('leaves an answered or withdrawn offer alone', () => {
    for (const closed of [accepted, rejected, withdrawn('taken')])
      given(offerDecider, sent, closed)
        .when({ type: 'Expire' }, at('10:05:00', { kind: 'system', id: 'booking' }))
        .thenEmits();
  });
});

describe('the offers of a wave', () => {
  it('are one open offer per partner with the wave’s countdown, earning and their own distance', () => {
    const wave: OffersSent = {
      type: 'dispatch.offers_sent',
      data: {
        bookingId: 'b-1',
        hubId: 'hub-1',
        wave: 1,
        trigger: 'head_start',
        serviceName: 'Bathroom cleaning',
        area: 'Indiranagar',
        window: { kind: 'now', startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:30:00.000Z' },
        timeZone: 'Asia/Kolkata',
        earningPaise: 23_920,
        sentAt: terms.sentAt,
        expiresAt: terms.expiresAt,
        acceptUntil: terms.acceptUntil,
        offers: [
          { offerId: 'offer-1', partnerId: 'p-1', distanceMeters: 1200 },
          { offerId: 'offer-2', partnerId: 'p-2', distanceMeters: 300 },
        ],
      },
    };
    expect(offersIn(wave)).toEqual([
      sent,
      {
        type: 'dispatch.offer_sent',
        data: { ...terms, offerId: 'offer-2', partnerId: 'p-2', distanceMeters: 300 },
      },
    ]);
  });

  it('an offer is withdrawn only by a withdrawal that names its partner and booking', () => {
    const other = { ...withdrawn('taken'), data: { ...withdrawn('taken').data, partnerIds: ['p-2'] } };
    const otherBooking = { ...withdrawn('taken'), data: { ...withdrawn('taken').data, bookingId: 'b-2' } };
    expect(given(offerDecider, sent, other, otherBooking).state.status).toBe('open');
  });
});
