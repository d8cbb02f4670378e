import type { EventData, EventEnvelope, EventType } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import {
  notificationsFor,
  notifiedEventTypes,
  pushLinkFor,
  subjectOf,
  toInboxNotification,
} from './notifications.ts';

const envelope = <T extends EventType>(type: T, data: EventData<T>): EventEnvelope<T, EventData<T>> => ({
  id: '01937a2e-0000-7000-8000-000000000001',
  type,
  version: 1,
  occurredAt: '2026-11-24T10:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  actor: { kind: 'system', id: 'booking' },
  data,
});

describe('notificationsFor', () => {
  it('tells the customer a booking for now is confirmed and a partner is being searched for', () => {
    const [draft] = notificationsFor(
      envelope('booking.confirmed', {
        bookingId: 'b-1',
        customerId: 'c-42',
        hubId: 'h-1',
        serviceName: 'Deep cleaning',
        scheduledFor: null,
      }),
    );
    expect(draft).toEqual({
      kind: 'booking.confirmed',
      recipients: [{ kind: 'customer', id: 'c-42' }],
      title: 'Booking confirmed — searching for a partner',
      body: 'Your Deep cleaning booking is confirmed. We are finding a verified partner near you now.',
      data: { bookingId: 'b-1' },
    });
  });

  it.each([
    ['in the time zone of the hub the booking is in', 'Asia/Dubai', '8:30'],
    ['in Indian time when the event is from before bookings carried a time zone', undefined, '10:00'],
  ])('names the slot of a scheduled booking %s', (_, timeZone, time) => {
    const [draft] = notificationsFor(
      envelope('booking.confirmed', {
        bookingId: 'b-2',
        customerId: 'c-42',
        hubId: 'h-1',
        serviceName: 'AC service',
        scheduledFor: '2026-11-25T04:30:00.000Z',
        timeZone,
      }),
    );
    expect(draft?.body).toMatch(
      new RegExp(`^Your AC service booking for Wed, 25 Nov, ${time}\\s?am is confirmed\\.`),
    );
  });

  it('tells the customer their payment is refunded, how much and why', () => {
    const data = { bookingId: 'b-3', customerId: 'c-7', amountPaise: 49_900, reason: 'no_capacity' as const };
    for (const type of ['booking.rejected', 'booking.payment_refunded'] as const) {
      const [draft] = notificationsFor(envelope(type, data));
      expect(draft).toMatchObject({
        kind: type,
        recipients: [{ kind: 'customer', id: 'c-7' }],
        title: 'Payment refunded',
        data: { bookingId: 'b-3', amountPaise: '49900', reason: 'no_capacity' },
      });
      expect(draft?.body).toContain('₹499.00 is on its way back to you: no partner was free for that slot.');
    }
  });

  it('ignores events that are nobody’s notification, such as a new catalog service', () => {
    const drafts = notificationsFor(
      envelope('catalog.service_created', {
        serviceId: 's',
        name: 'Sofa',
        category: 'cleaning',
        basePricePaise: 1,
      }),
    );
    expect(drafts).toEqual([]);
    expect(notifiedEventTypes).not.toContain('catalog.service_created');
  });

  it('subscribes to exactly the mapped booking and dispatch events', () => {
    expect([...notifiedEventTypes].sort()).toEqual([
      'booking.arrived',
      'booking.cancelled',
      'booking.completed',
      'booking.confirmed',
      'booking.en_route',
      'booking.extra_approved',
      'booking.extra_declined',
      'booking.extra_proposed',
      'booking.job_ended',
      'booking.job_started',
      'booking.otp_locked',
      'booking.partner_assigned',
      'booking.partner_released',
      'booking.payment_refunded',
      'booking.rejected',
      'dispatch.offers_sent',
      'dispatch.offers_withdrawn',
      'dispatch.partner_assigned',
      'dispatch.partner_released',
      'tracking.punctuality_changed',
    ]);
  });

  it('asks the customer to pay extra time only when some is due', () => {
    const ended = (extraDuePaise: number) =>
      notificationsFor(
        envelope('booking.job_ended', {
          bookingId: 'b',
          customerId: 'c',
          hubId: 'h',
          partnerId: 'p',
          startedAt: '2026-03-02T10:00:00.000Z',
          endedAt: '2026-03-02T11:20:00.000Z',
          workedMinutes: 80,
          extraDuePaise,
          extraPayableId: extraDuePaise > 0 ? '01a24e12-145a-7312-aeec-eb4ae4e6826a' : null,
        }),
      );
    expect(ended(0)).toEqual([]);
    expect(ended(11_800)).toEqual([
      expect.objectContaining({ title: 'Extra time to pay', body: expect.stringContaining('₹118.00') }),
    ]);
  });

  it('asks the customer to decide on a proposed extra, and tells the partner what they decided', () => {
    const ids = { bookingId: 'b', customerId: 'c', hubId: 'h', partnerId: 'p', extraId: 'x' };
    expect(
      notificationsFor(
        envelope('booking.extra_proposed', {
          ...ids,
          kind: 'material',
          description: 'Drain trap',
          amountPaise: 45_000,
          proposedAt: '2026-03-02T10:30:00.000Z',
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        recipients: [{ kind: 'customer', id: 'c' }],
        title: 'Approve an extra?',
        body: expect.stringMatching(/a material: Drain trap, ₹450\.00 plus GST/),
        data: { bookingId: 'b', extraId: 'x', amountPaise: '45000' },
      }),
    ]);
    const decided = { ...ids, amountPaise: 45_000, decidedAt: '2026-03-02T10:31:00.000Z' };
    expect(notificationsFor(envelope('booking.extra_approved', decided))).toEqual([
      expect.objectContaining({ recipients: [{ kind: 'partner', id: 'p' }], title: 'Extra approved' }),
    ]);
    expect(notificationsFor(envelope('booking.extra_declined', decided))).toEqual([
      expect.objectContaining({
        recipients: [{ kind: 'partner', id: 'p' }],
        body: 'The customer declined ₹450.00: it will not be charged.',
      }),
    ]);
  });

  it('keeps data string-only, as an FCM payload requires', () => {
    const [draft] = notificationsFor(
      envelope('booking.payment_refunded', {
        bookingId: 'b',
        customerId: 'c',
        amountPaise: 1,
        reason: 'cancelled_by_customer',
      }),
    );
    expect(Object.values(draft?.data ?? {}).every((value) => typeof value === 'string')).toBe(true);
  });
});

describe('dispatch notifications', () => {
  const wave = {
    bookingId: 'b-9',
    hubId: 'h-1',
    wave: 1,
    trigger: 'head_start' as const,
    serviceName: 'AC service',
    area: 'Indiranagar',
    window: {
      kind: 'slot' as const,
      startsAt: '2026-11-25T04:30:00.000Z',
      endsAt: '2026-11-25T05:30:00.000Z',
    },
    timeZone: 'Asia/Kolkata',
    earningPaise: 39_920,
    sentAt: '2026-11-24T10:00:00.000Z',
    expiresAt: '2026-11-24T10:00:30.000Z',
    offers: [
      { offerId: 'o-1', partnerId: 'p-1', distanceMeters: 850 },
      { offerId: 'o-2', partnerId: 'p-2', distanceMeters: 2340 },
    ],
  };

  it('offers each partner their own job, with its time, area, distance, earning, and the countdown in data', () => {
    const drafts = notificationsFor(envelope('dispatch.offers_sent', wave));
    expect(drafts.map((draft) => [draft.recipients, draft.data])).toEqual([
      [[{ kind: 'partner', id: 'p-1' }], { offerId: 'o-1', bookingId: 'b-9', expiresAt: wave.expiresAt }],
      [[{ kind: 'partner', id: 'p-2' }], { offerId: 'o-2', bookingId: 'b-9', expiresAt: wave.expiresAt }],
    ]);
    expect(drafts[0]?.title).toBe('New job: AC service');
    expect(drafts[0]?.body).toMatch(
      /^Wed, 25 Nov, 10:00\s?am in Indiranagar, 850 m away\. You earn ₹399\.20\./,
    );
    expect(drafts[1]?.body).toContain('2.3 km away');
    // stale within the countdown: pushed, never kept in the inbox, and gone from the device once taken
    expect(drafts[0]?.pushOnly).toEqual({ collapseId: 'offer:b-9', expiresAt: wave.expiresAt });
  });

  it('tells partners a job they were offered was taken, but not the partner who withdrew their own offer', () => {
    const taken = notificationsFor(
      envelope('dispatch.offers_withdrawn', {
        bookingId: 'b-9',
        hubId: 'h-1',
        reason: 'taken',
        partnerIds: ['p-2'],
      }),
    );
    expect(taken).toMatchObject([
      {
        recipients: [{ kind: 'partner', id: 'p-2' }],
        title: 'Job taken',
        pushOnly: { collapseId: 'offer:b-9', expiresAt: null },
      },
    ]);
    const offline = notificationsFor(
      envelope('dispatch.offers_withdrawn', {
        bookingId: 'b-9',
        hubId: 'h-1',
        reason: 'partner_offline',
        partnerIds: ['p-2'],
      }),
    );
    expect(offline).toEqual([]);
  });

  it('tells the customer who their partner is, and that one had to cancel', () => {
    const [assigned] = notificationsFor(
      envelope('booking.partner_assigned', {
        bookingId: 'b-9',
        customerId: 'c-1',
        hubId: 'h-1',
        serviceName: 'AC service',
        partnerId: 'p-1',
        partner: { name: 'Asha Rao', photoUrl: null, phone: '+919845010001', rating: 4.62 },
        assignedBy: 'partner',
        assignedAt: '2026-11-24T10:00:05.000Z',
        previousPartnerId: null,
        reason: null,
      }),
    );
    expect(assigned).toMatchObject({
      recipients: [{ kind: 'customer', id: 'c-1' }],
      title: 'Your partner is assigned',
      body: 'Asha Rao (rated 4.6) will do your AC service. You can call them from your booking.',
    });
    const [released] = notificationsFor(
      envelope('booking.partner_released', {
        bookingId: 'b-9',
        customerId: 'c-1',
        hubId: 'h-1',
        partnerId: 'p-1',
        reason: 'flat tyre',
      }),
    );
    expect(released?.body).not.toContain('flat tyre');
  });

  it('tells the customer once their partner runs late, with by how much', () => {
    const [late] = notificationsFor(
      envelope('tracking.punctuality_changed', {
        bookingId: 'b-9',
        customerId: 'c-1',
        hubId: 'h-1',
        partnerId: 'p-1',
        punctuality: 'late',
        estimatedArrivalAt: '2026-11-24T10:40:00.000Z',
        promisedArrivalAt: '2026-11-24T10:30:00.000Z',
        deviationSeconds: 600,
      }),
    );
    expect(late).toMatchObject({
      recipients: [{ kind: 'customer', id: 'c-1' }],
      title: 'Your partner is running late',
      body: expect.stringContaining('about 10 min later'),
    });
  });

  it('tells the customer their partner is on the way, and at the door', () => {
    const journey = {
      bookingId: 'b-9',
      customerId: 'c-1',
      hubId: 'h-1',
      serviceName: 'AC service',
      partnerId: 'p-1',
      partnerName: 'Asha Rao',
      startedAt: '2026-11-24T10:05:00.000Z',
    };
    const [onTheWay] = notificationsFor(
      envelope('booking.en_route', { ...journey, destination: { lat: 12.97, lng: 77.64 } }),
    );
    expect(onTheWay).toMatchObject({
      recipients: [{ kind: 'customer', id: 'c-1' }],
      title: 'Asha Rao is on the way',
      data: { bookingId: 'b-9', partnerId: 'p-1' },
    });
    const [arrived] = notificationsFor(
      envelope('booking.arrived', {
        ...journey,
        arrivedAt: '2026-11-24T10:25:00.000Z',
        detectedBy: 'position',
      }),
    );
    expect(arrived).toMatchObject({
      recipients: [{ kind: 'customer', id: 'c-1' }],
      title: 'Asha Rao has arrived',
    });
  });

  it('tells the customer in plain words when no partner was found, and nothing for other cancellations', () => {
    const cancellation = (cancelledBy: 'system' | 'customer') =>
      notificationsFor(
        envelope('booking.cancelled', {
          bookingId: 'b-9',
          customerId: 'c-1',
          hubId: 'h-1',
          cancelledBy,
          reason: 'no_partner_found',
          paymentId: 'pay-1',
          refundDuePaise: 58_882,
        }),
      );
    expect(cancellation('system')).toMatchObject([
      {
        recipients: [{ kind: 'customer', id: 'c-1' }],
        body: 'We could not find a partner in time; your ₹588.82 will be refunded in full.',
      },
    ]);
    expect(cancellation('customer')).toEqual([]);
  });

  it('tells a partner the team assigned or released them, and nothing when they accepted themselves', () => {
    const assigned = (assignedBy: 'partner' | 'admin') =>
      notificationsFor(
        envelope('dispatch.partner_assigned', {
          bookingId: 'b-9',
          hubId: 'h-1',
          customerId: 'c-1',
          partnerId: 'p-1',
          assignedBy,
          offerId: null,
          previousPartnerId: null,
          reason: 'closest',
          window: wave.window,
        }),
      );
    expect(assigned('admin')).toMatchObject([{ recipients: [{ kind: 'partner', id: 'p-1' }] }]);
    expect(assigned('partner')).toEqual([]);
    const [released] = notificationsFor(
      envelope('dispatch.partner_released', {
        bookingId: 'b-9',
        hubId: 'h-1',
        partnerId: 'p-1',
        reason: 'reassigned',
      }),
    );
    expect(released).toMatchObject({ recipients: [{ kind: 'partner', id: 'p-1' }], title: 'Job reassigned' });
  });
});

describe('subjectOf', () => {
  it("opens the customer's booking for every booking notification of theirs", () => {
    expect(subjectOf('customer', 'booking.en_route', { bookingId: 'b-1', partnerId: 'p-1' })).toEqual({
      bookingId: 'b-1',
      path: 'bookings/b-1',
    });
    expect(subjectOf('customer', 'tracking.punctuality_changed', { bookingId: 'b-2' })).toEqual({
      bookingId: 'b-2',
      path: 'bookings/b-2',
    });
  });

  it("opens the partner app's home for an offer, the jobs list for a job taken away, else the job", () => {
    const data = { bookingId: 'b-1', offerId: 'o-1' };
    expect(subjectOf('partner', 'dispatch.offers_sent', data)).toEqual({ bookingId: 'b-1', path: '' });
    expect(subjectOf('partner', 'dispatch.offers_withdrawn', data)?.path).toBe('');
    expect(subjectOf('partner', 'dispatch.partner_released', data)?.path).toBe('jobs');
    expect(subjectOf('partner', 'booking.extra_declined', data)?.path).toBe('jobs/b-1');
  });

  it('has none for a notification that names no booking', () => {
    expect(subjectOf('customer', 'booking.completed', {})).toBe(undefined);
  });

  it('is what an inbox entry carries, for the recipient it was stored for', () => {
    const draft = {
      kind: 'booking.extra_approved' as const,
      recipients: [{ kind: 'partner' as const, id: 'p-3' }],
      title: 'Extra approved',
      body: 'The customer approved ₹200.00.',
      data: { bookingId: 'b-5', extraId: 'x-1' },
    };
    const entry = toInboxNotification(draft, {
      id: 'n-1',
      recipient: { kind: 'partner', id: 'p-3' },
      createdAt: new Date('2026-11-24T10:00:00.000Z'),
    });
    expect(entry.subject).toEqual({ bookingId: 'b-5', path: 'jobs/b-5' });
  });
});

describe('pushLinkFor', () => {
  const appUrls = { customer: 'https://zefy.example/', partner: 'https://zefy.example/partner/' };

  it("opens the booking's screen in the user app for every booking notification of a customer's", () => {
    expect(pushLinkFor(appUrls, 'customer', 'booking.partner_assigned', { bookingId: 'b-1' })).toBe(
      'https://zefy.example/bookings/b-1',
    );
    expect(pushLinkFor(appUrls, 'customer', 'booking.payment_refunded', { bookingId: 'b-2' })).toBe(
      'https://zefy.example/bookings/b-2',
    );
  });

  it("opens the partner app's home for an offer and its withdrawal, the jobs list for a job taken away, else the job", () => {
    const data = { bookingId: 'b-1', offerId: 'o-1' };
    expect(pushLinkFor(appUrls, 'partner', 'dispatch.offers_sent', data)).toBe(
      'https://zefy.example/partner/',
    );
    expect(pushLinkFor(appUrls, 'partner', 'dispatch.offers_withdrawn', data)).toBe(
      'https://zefy.example/partner/',
    );
    expect(pushLinkFor(appUrls, 'partner', 'dispatch.partner_released', data)).toBe(
      'https://zefy.example/partner/jobs',
    );
    expect(pushLinkFor(appUrls, 'partner', 'dispatch.partner_assigned', data)).toBe(
      'https://zefy.example/partner/jobs/b-1',
    );
    expect(pushLinkFor(appUrls, 'partner', 'booking.extra_approved', data)).toBe(
      'https://zefy.example/partner/jobs/b-1',
    );
  });

  it('keeps the booking id one path segment, whatever it holds', () => {
    expect(pushLinkFor(appUrls, 'customer', 'booking.completed', { bookingId: '../admin?x=1' })).toBe(
      'https://zefy.example/bookings/..%2Fadmin%3Fx%3D1',
    );
  });

  it("links nowhere when the recipient's app has no published URL or no booking is named", () => {
    expect(
      pushLinkFor({ partner: appUrls.partner }, 'customer', 'booking.completed', { bookingId: 'b-1' }),
    ).toBe(undefined);
    expect(pushLinkFor(appUrls, 'customer', 'booking.completed', {})).toBe(undefined);
  });
});
