import type { BookingTimelineEntry, EventType } from '@zefy/contracts';
import { formatRupees } from '@zefy/rules';

/** Dispatch's steps that stay inside booking (never on the bus) but are rows of the timeline. */
type DispatchInternalStep =
  | 'dispatch.started'
  | 'dispatch.requeued'
  | 'dispatch.closed'
  | 'dispatch.offer_rejected';
type TimelineEventType =
  | Extract<EventType, `booking.${string}` | `dispatch.${string}` | `tracking.${string}`>
  | DispatchInternalStep;

/** What each step of a booking's life is called in the console; every timeline event has its words. */
const stepWords: { [T in TimelineEventType]: string } = {
  'booking.held': 'Slot held',
  'booking.hold_expired': 'Hold expired unpaid',
  'booking.payment_started': 'Payment started',
  'booking.payment_failed': 'Payment failed',
  'booking.payment_rejected': 'Payment rejected',
  'booking.payment_refunded': 'Payment refunded',
  'booking.confirmed': 'Paid and confirmed',
  'booking.rejected': 'Rejected',
  'booking.partner_assigned': 'Partner assigned',
  'booking.partner_released': 'Partner released',
  'booking.otps_issued': 'Start and end codes issued',
  'booking.otp_rejected': 'Wrong code entered',
  'booking.otp_locked': 'Codes locked after wrong entries',
  'booking.otp_reissued': 'New codes issued',
  'booking.en_route': 'Partner on the way',
  'booking.arrived': 'Partner arrived',
  'booking.job_started': 'Job started',
  'booking.job_ended': 'Job ended',
  'booking.completed': 'Completed',
  'booking.rated': 'Rated',
  'booking.cancelled': 'Cancelled',
  'booking.refunded': 'Refunded',
  'booking.refund_granted': 'Refunded in part by the team',
  'booking.extra_adjusted': 'Extra charge adjusted by the team',
  'booking.extra_proposed': 'Partner proposed an extra',
  'booking.extra_approved': 'Customer approved an extra',
  'booking.extra_declined': 'Customer declined an extra',
  'dispatch.started': 'Looking for a partner',
  'dispatch.offers_sent': 'Offered to partners',
  'dispatch.offer_rejected': 'A partner declined',
  'dispatch.requeued': 'Back in the queue',
  'dispatch.closed': 'Search closed',
  'dispatch.offers_withdrawn': 'Offers withdrawn',
  'dispatch.partner_assigned': 'Assigned by the team',
  'dispatch.partner_cancelled': 'Partner backed out',
  'dispatch.partner_released': 'Partner released by dispatch',
  'dispatch.escalated': 'Escalated: no partner yet',
  'dispatch.gave_up': 'No partner found in time',
  'tracking.arrival_promised': 'Arrival promised',
  'tracking.partner_arrived': 'Arrived by location',
  'tracking.punctuality_changed': 'Running late or early',
  'tracking.partner_wake_requested': 'Partner app woken (location delayed)',
};

const isKnownStep = (type: string): type is TimelineEventType => Object.hasOwn(stepWords, type);

/** The step's words; an event this console does not know yet is shown by its type rather than hidden. */
export function stepOf(
  entry: Pick<BookingTimelineEntry, 'type'> & { data?: BookingTimelineEntry['data'] },
): string {
  // dispatch records both ways a partner gets the job under one type
  if (entry.type === 'dispatch.partner_assigned' && entry.data?.assignedBy === 'partner')
    return 'Offer accepted';
  return isKnownStep(entry.type) ? stepWords[entry.type] : entry.type;
}

/** Who took the step, in words: the customer, a partner, the team, or Zefy itself. */
export function actorOf(actor: BookingTimelineEntry['actor']): string {
  switch (actor.kind) {
    case 'customer':
      return 'by the customer';
    case 'partner':
      return 'by the partner';
    case 'admin':
    case 'ops':
      return 'by the team';
    case 'system':
      return 'automatically';
    default:
      return `by ${actor.kind}`;
  }
}

const ruleWords: Record<string, string> = {
  unpaid: 'before payment',
  free: 'free before a partner was assigned',
  fee: 'the fee after assignment',
  no_refund: 'no refund once on the way or at the door',
};

const paise = (value: unknown): number | null => (typeof value === 'number' ? value : null);

const quoted = (reason: unknown): string | null => (typeof reason === 'string' ? `“${reason}”` : null);

/** A resolution of the team's that gave money back or lowered what is owed, in words. */
function moneyDetailOf(entry: Pick<BookingTimelineEntry, 'type' | 'data'>): string | null {
  const { data } = entry;
  const amount = paise(data.amountPaise);
  if (entry.type === 'booking.refund_granted' && amount !== null) {
    const left = paise(data.refundablePaise);
    const rest = left === null ? null : `${formatRupees(left)} left to refund`;
    return [`${formatRupees(amount)} refunded`, rest, quoted(data.reason)].filter(Boolean).join(' · ');
  }
  const before = paise(data.previousDuePaise);
  const after = paise(data.extraDuePaise);
  if (entry.type === 'booking.extra_adjusted' && before !== null && after !== null) {
    const change =
      after === 0 ? `${formatRupees(before)} waived` : `${formatRupees(before)} → ${formatRupees(after)}`;
    return [change, quoted(data.reason)].filter(Boolean).join(' · ');
  }
  return null;
}

/** What a cancellation or a money resolution kept and gave back, and why, in words; null for other steps. */
export function detailOf(entry: Pick<BookingTimelineEntry, 'type' | 'data'>): string | null {
  if (entry.type !== 'booking.cancelled') return moneyDetailOf(entry);
  const { data } = entry;
  const refund = paise(data.refundDuePaise);
  const fee = paise(data.feePaise);
  const money = [
    fee ? `${formatRupees(fee)} kept` : null,
    refund === null ? null : `${formatRupees(refund)} refunded`,
  ].filter(Boolean);
  const why =
    data.noShow === 'customer'
      ? 'Customer no-show'
      : data.noShow === 'partner'
        ? 'Partner no-show'
        : data.refundBasis === 'custom'
          ? 'A refund the team chose'
          : data.refundBasis === 'full'
            ? 'Everything paid back'
            : typeof data.rule === 'string' && ruleWords[data.rule]
              ? `Rule: ${ruleWords[data.rule]}`
              : null;
  return [why, money.join(', '), quoted(data.reason)].filter(Boolean).join(' · ') || null;
}
