import type { EventData, EventEnvelope, EventType, InboxNotification, Principal } from '@zefy/contracts';
import { formatPaise } from '@zefy/platform/domain';

export type RecipientKind = 'customer' | 'partner';

export interface Recipient {
  kind: RecipientKind;
  id: string;
}

/** What an event means to the people it concerns; stored once per recipient, then pushed. */
export interface NotificationDraft {
  kind: EventType;
  recipients: Recipient[];
  title: string;
  body: string;
  /** Strings only: it travels as FCM `data`. */
  data: Record<string, string>;
}

type Mappings = {
  [T in EventType]?: (data: EventData<T>) => Omit<NotificationDraft, 'kind'>;
};

// Indian time: every hub is in India; per-hub time zones can come with the first hub abroad
const slotTime = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

const refundReasons: Record<EventData<'booking.rejected'>['reason'], string> = {
  hold_expired: 'the payment completed after your slot was released',
  no_capacity: 'no partner was free for that slot',
  no_partner_found: 'we could not find a partner for your booking',
  cancelled_by_customer: 'you cancelled the booking',
  cancelled_by_ops: 'our team cancelled the booking',
};

const refunded = (data: EventData<'booking.rejected'>) => ({
  recipients: [{ kind: 'customer' as const, id: data.customerId }],
  title: 'Payment refunded',
  body: `${formatPaise(data.amountPaise)} is on its way back to you: ${refundReasons[data.reason]}. Banks take a few working days to show it.`,
  data: { bookingId: data.bookingId, amountPaise: String(data.amountPaise), reason: data.reason },
});

/** The one place that decides which events notify whom, and with what words. */
const mappings: Mappings = {
  'booking.confirmed': (data) => ({
    recipients: [{ kind: 'customer', id: data.customerId }],
    title: 'Booking confirmed — searching for a partner',
    body:
      data.scheduledFor === null
        ? `Your ${data.serviceName} booking is confirmed. We are finding a verified partner near you now.`
        : `Your ${data.serviceName} booking for ${slotTime.format(new Date(data.scheduledFor))} is confirmed. We will assign a verified partner before your slot.`,
    data: { bookingId: data.bookingId },
  }),
  'booking.rejected': refunded,
  'booking.payment_refunded': refunded,
};

/** Event types that produce notifications: the inbox consumer subscribes to exactly these. */
export const notifiedEventTypes = Object.keys(mappings) as EventType[];

/** The notification an event produces, or null when it concerns nobody's inbox (e.g. `catalog.service_created`). */
export function notificationFor<T extends EventType>(
  event: EventEnvelope<T, EventData<T>>,
): NotificationDraft | null {
  const map = mappings[event.type] as ((data: EventData<T>) => Omit<NotificationDraft, 'kind'>) | undefined;
  if (!map) return null;
  return { kind: event.type, ...map(event.data) };
}

/** The realtime channel that reaches a recipient's apps. */
export const channelOf = (recipient: Recipient): string =>
  `${recipient.kind === 'customer' ? 'user' : 'partner'}:${recipient.id}`;

/** Only customers and partners have inboxes and devices; routes admit no one else. */
export const recipientOf = (principal: Principal): Recipient => {
  if (principal.role !== 'customer' && principal.role !== 'partner')
    throw new RangeError(`role ${principal.role} has no inbox`);
  return { kind: principal.role, id: principal.id };
};

/** A draft stored for one recipient, as the inbox and the realtime message show it. */
export const toInboxNotification = (
  draft: NotificationDraft,
  stored: { id: string; createdAt: Date },
): InboxNotification => ({
  id: stored.id,
  kind: draft.kind,
  title: draft.title,
  body: draft.body,
  data: draft.data,
  createdAt: stored.createdAt.toISOString(),
  readAt: null,
});
