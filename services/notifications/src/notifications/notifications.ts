import type {
  EventData,
  EventEnvelope,
  EventType,
  InboxNotification,
  NotificationSubject,
} from '@zefy/contracts';
import { formatPaise } from '@zefy/platform/domain';
import { formatInZone } from '@zefy/rules';
import type { AppUrls, Recipient } from '../recipients.ts';

/** What an event means to the people it concerns; stored once per recipient, then pushed. */
export interface NotificationDraft {
  kind: EventType;
  recipients: Recipient[];
  title: string;
  body: string;
  /** Strings only: it travels as FCM `data`. */
  data: Record<string, string>;
  /**
   * Pushed to the recipient's devices only, never kept in the inbox: a job offer is stale within a minute, a
   * thousand partners get one per job, and the open app already has it on its own channel. Same `collapseId`
   * → the device shows the later push instead of the earlier; none is sent after `expiresAt`.
   */
  pushOnly?: { collapseId: string; expiresAt: string | null };
}

/** Each mapping names the messages an event makes: none, one, or one per recipient when each sees their own. */
type Mappings = {
  [T in EventType]?: (data: EventData<T>) => Array<Omit<NotificationDraft, 'kind'>>;
};

// events from before booking sent the hub's zone all concern Indian hubs
const timeZoneBeforeHubZones = 'Asia/Kolkata';

const refundReasons: Record<EventData<'booking.rejected'>['reason'], string> = {
  hold_expired: 'the payment completed after your slot was released',
  no_capacity: 'no partner was free for that slot',
  no_partner_found: 'we could not find a partner for your booking',
  cancelled_by_customer: 'you cancelled the booking',
  cancelled_by_ops: 'our team cancelled the booking',
};

const customer = (customerId: string): Recipient[] => [{ kind: 'customer', id: customerId }];
const partner = (partnerId: string): Recipient[] => [{ kind: 'partner', id: partnerId }];

const refunded = (data: EventData<'booking.rejected'>) => [
  {
    recipients: customer(data.customerId),
    title: 'Payment refunded',
    body: `${formatPaise(data.amountPaise)} is on its way back to you: ${refundReasons[data.reason]}. Banks take a few working days to show it.`,
    data: { bookingId: data.bookingId, amountPaise: String(data.amountPaise), reason: data.reason },
  },
];

const offerCollapseId = (bookingId: string) => `offer:${bookingId}`;

const kilometres = (meters: number) => (meters < 1000 ? `${meters} m` : `${(meters / 1000).toFixed(1)} km`);

/** When the job is, as the offer says it: now, or the slot in the hub's time zone. */
const whenOf = (window: EventData<'dispatch.offers_sent'>['window'], timeZone: string) =>
  window.kind === 'now' ? 'Now' : formatInZone(window.startsAt, timeZone, 'slot');

/** The one place that decides which events notify whom, and with what words. */
const mappings: Mappings = {
  'booking.confirmed': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Booking confirmed — searching for a partner',
      body:
        data.scheduledFor === null
          ? `Your ${data.serviceName} booking is confirmed. We are finding a verified partner near you now.`
          : `Your ${data.serviceName} booking for ${formatInZone(data.scheduledFor, data.timeZone ?? timeZoneBeforeHubZones, 'slot')} is confirmed. We will assign a verified partner before your slot.`,
      data: { bookingId: data.bookingId },
    },
  ],
  'booking.rejected': refunded,
  'booking.payment_refunded': refunded,
  'booking.partner_assigned': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Your partner is assigned',
      body: `${data.partner.name} (rated ${data.partner.rating.toFixed(1)}) will do your ${data.serviceName}. You can call them from your booking.`,
      data: { bookingId: data.bookingId, partnerId: data.partnerId },
    },
  ],
  'booking.partner_released': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Your partner had to cancel',
      body: 'We are finding you another partner now, ahead of everyone else.',
      data: { bookingId: data.bookingId },
    },
  ],
  'booking.en_route': (data) => [
    {
      recipients: customer(data.customerId),
      title: `${data.partnerName} is on the way`,
      body: `${data.partnerName} has set out for your ${data.serviceName}. Follow them live on your booking.`,
      data: { bookingId: data.bookingId, partnerId: data.partnerId },
    },
  ],
  'booking.arrived': (data) => [
    {
      recipients: customer(data.customerId),
      title: `${data.partnerName} has arrived`,
      body: `${data.partnerName} is at your door for your ${data.serviceName}. Share the start code when you are ready.`,
      data: { bookingId: data.bookingId, partnerId: data.partnerId },
    },
  ],
  'tracking.punctuality_changed': (data) => [
    {
      recipients: customer(data.customerId),
      title:
        data.punctuality === 'late'
          ? 'Your partner is running late'
          : data.punctuality === 'early'
            ? 'Your partner will be early'
            : 'Your partner is back on time',
      body:
        data.punctuality === 'on_time'
          ? 'They should reach you at the time we promised. Follow them live on your booking.'
          : `They should reach you about ${Math.max(1, Math.round(Math.abs(data.deviationSeconds) / 60))} min ${data.punctuality === 'late' ? 'later' : 'earlier'} than we promised. Follow them live on your booking.`,
      data: {
        bookingId: data.bookingId,
        punctuality: data.punctuality,
        estimatedArrivalAt: data.estimatedArrivalAt,
      },
    },
  ],
  // the customer hears of every other cancellation from its refund (booking.payment_refunded)
  'booking.cancelled': (data) =>
    data.cancelledBy === 'system'
      ? [
          {
            recipients: customer(data.customerId),
            title: 'We could not find a partner',
            body: `We could not find a partner in time; your ${formatPaise(data.refundDuePaise)} will be refunded in full.`,
            data: { bookingId: data.bookingId, refundDuePaise: String(data.refundDuePaise) },
          },
        ]
      : [],
  'booking.job_started': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Your job has started',
      body: 'Your partner entered the start code; the timer is running. Keep the end code for when the job is done.',
      data: { bookingId: data.bookingId, startedAt: data.startedAt },
    },
  ],
  'booking.job_ended': (data) =>
    data.extraDuePaise > 0
      ? [
          {
            recipients: customer(data.customerId),
            title: 'Extra time to pay',
            body: `The job took ${data.workedMinutes} minutes, longer than included: ${formatPaise(data.extraDuePaise)} is due for the extra time.`,
            data: { bookingId: data.bookingId, extraDuePaise: String(data.extraDuePaise) },
          },
        ]
      : [],
  // the customer decides: it counts only once approved
  'booking.extra_proposed': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Approve an extra?',
      body: `Your partner proposes ${data.kind === 'addon' ? 'extra work' : 'a material'}: ${data.description}, ${formatPaise(data.amountPaise)} plus GST. Approve or decline it in your booking.`,
      data: { bookingId: data.bookingId, extraId: data.extraId, amountPaise: String(data.amountPaise) },
    },
  ],
  'booking.extra_approved': (data) => [
    {
      recipients: partner(data.partnerId),
      title: 'Extra approved',
      body: `The customer approved ${formatPaise(data.amountPaise)}: it is charged with the job at the end code.`,
      data: { bookingId: data.bookingId, extraId: data.extraId },
    },
  ],
  'booking.extra_declined': (data) => [
    {
      recipients: partner(data.partnerId),
      title: 'Extra declined',
      body: `The customer declined ${formatPaise(data.amountPaise)}: it will not be charged.`,
      data: { bookingId: data.bookingId, extraId: data.extraId },
    },
  ],
  'booking.completed': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Job done',
      body: 'Your job is complete. How did it go? Rate your partner from your booking.',
      data: { bookingId: data.bookingId },
    },
  ],
  'booking.otp_locked': (data) => [
    {
      recipients: customer(data.customerId),
      title: 'Too many wrong codes',
      body: 'Your booking’s code was entered wrongly too many times. Our team will send you a new one.',
      data: { bookingId: data.bookingId },
    },
  ],
  // each partner is told of their own offer: the countdown (`expiresAt`) on the server's clock
  'dispatch.offers_sent': (wave) =>
    wave.offers.map((offer) => ({
      recipients: partner(offer.partnerId),
      title: `New job: ${wave.serviceName}`,
      body: `${whenOf(wave.window, wave.timeZone)} in ${wave.area}, ${kilometres(offer.distanceMeters)} away. You earn ${formatPaise(wave.earningPaise)}. Answer before the offer runs out.`,
      data: { offerId: offer.offerId, bookingId: wave.bookingId, expiresAt: wave.expiresAt },
      pushOnly: { collapseId: offerCollapseId(wave.bookingId), expiresAt: wave.expiresAt },
    })),
  // a partner who went off duty or took another job withdrew their own offer: nothing to tell them
  'dispatch.offers_withdrawn': (withdrawal) =>
    withdrawal.reason === 'partner_offline' || withdrawal.reason === 'partner_busy'
      ? []
      : withdrawal.partnerIds.map((partnerId) => ({
          recipients: partner(partnerId),
          title: withdrawal.reason === 'booking_cancelled' ? 'Job cancelled' : 'Job taken',
          body:
            withdrawal.reason === 'booking_cancelled'
              ? 'The job you were offered was cancelled.'
              : 'Another partner took the job you were offered.',
          data: { bookingId: withdrawal.bookingId, reason: withdrawal.reason },
          // replaces the offer on the lock screen
          pushOnly: { collapseId: offerCollapseId(withdrawal.bookingId), expiresAt: null },
        })),
  // a partner who accepted knows; one the team chose is told
  'dispatch.partner_assigned': (data) =>
    data.assignedBy === 'admin'
      ? [
          {
            recipients: partner(data.partnerId),
            title: 'A job was assigned to you',
            body: 'The team gave you a job; see your jobs for when and where.',
            data: { bookingId: data.bookingId },
          },
        ]
      : [],
  'dispatch.partner_released': (data) => [
    {
      recipients: partner(data.partnerId),
      title: data.reason === 'reassigned' ? 'Job reassigned' : 'Job cancelled',
      body:
        data.reason === 'reassigned'
          ? 'The team gave one of your jobs to another partner.'
          : 'The customer cancelled one of your jobs.',
      data: { bookingId: data.bookingId, reason: data.reason },
    },
  ],
};

/** Event types that produce notifications: the inbox consumer subscribes to exactly these. */
export const notifiedEventTypes = Object.keys(mappings) as EventType[];

/** The notifications an event produces: none when it concerns nobody's inbox (e.g. `catalog.service_created`). */
export function notificationsFor<T extends EventType>(
  event: EventEnvelope<T, EventData<T>>,
): NotificationDraft[] {
  const map = mappings[event.type] as
    | ((data: EventData<T>) => Array<Omit<NotificationDraft, 'kind'>>)
    | undefined;
  return (map?.(event.data) ?? []).map((draft) => ({ kind: event.type, ...draft }));
}

/**
 * The booking a notification is about and the screen of its recipient's app that opens it: for a customer, the
 * booking; for a partner, home (where offers are) for an offer or its withdrawal, their jobs for a job taken
 * from them, else the job. None when the notification names no booking. The inbox links to it; a push too.
 */
export function subjectOf(
  recipient: Recipient['kind'],
  kind: string,
  data: Readonly<Record<string, string>>,
): NotificationSubject | undefined {
  const { bookingId } = data;
  if (!bookingId) return undefined;
  return { bookingId, path: screenOf(recipient, kind, encodeURIComponent(bookingId)) };
}

// the apps' routes (apps/user-web/src/app.tsx, apps/partner-web/src/app.tsx), relative to where each is published
function screenOf(recipient: Recipient['kind'], kind: string, bookingId: string): string {
  if (recipient === 'customer') return `bookings/${bookingId}`;
  switch (kind) {
    case 'dispatch.offers_sent':
    case 'dispatch.offers_withdrawn':
      return '';
    case 'dispatch.partner_released':
      return 'jobs';
    default:
      return `jobs/${bookingId}`;
  }
}

/** The https:// link a push opens in its recipient's app: its subject's screen; none when the app has no published URL. */
export function pushLinkFor(
  appUrls: AppUrls,
  recipient: Recipient['kind'],
  kind: EventType,
  data: Readonly<Record<string, string>>,
): string | undefined {
  const appUrl = appUrls[recipient];
  const subject = subjectOf(recipient, kind, data);
  if (!appUrl || !subject) return undefined;
  return new URL(subject.path, appUrl).href;
}

/** An entry stored for one recipient, as the inbox and the realtime message show it. */
export const toInboxNotification = (
  entry: Pick<NotificationDraft, 'title' | 'body' | 'data'> & { kind: string },
  stored: { id: string; recipient: Recipient; createdAt: Date; readAt?: Date | null },
): InboxNotification => ({
  id: stored.id,
  kind: entry.kind,
  title: entry.title,
  body: entry.body,
  data: entry.data,
  subject: subjectOf(stored.recipient.kind, entry.kind, entry.data),
  createdAt: stored.createdAt.toISOString(),
  readAt: stored.readAt?.toISOString() ?? null,
});
