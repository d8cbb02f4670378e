import { channels } from '@zefy/contracts';
import { onEvents, pushEvents, type Subscription } from '@zefy/platform';
import type { BookingDeps } from '../deps.ts';
import { closeRound, startRound } from './dispatch.commands.ts';
import { recordJobFinished } from './dispatch.repository.ts';

export const dispatchGroup = 'booking.dispatch';
export const dispatchRealtimeGroup = 'booking.dispatch-realtime';

/**
 * A confirmed booking starts its round (and its first wave) in the consumer's transaction; a cancelled one
 * closes it. Committed round events reach the apps: each partner's channel only their own offer and its
 * withdrawal, their assignment or release; the admin console every change of the queue, escalations too.
 */
export function dispatchSubscriptions(deps: BookingDeps): Subscription[] {
  const toPartnerAndStaff = (data: { partnerId: string }) => [
    channels.admin,
    channels.partner(data.partnerId),
  ];
  return [
    onEvents(deps.db, dispatchGroup, {
      'booking.confirmed': (data, tx, event) => startRound(deps, tx, data.bookingId, event.occurredAt),
      'booking.cancelled': (data, tx, event) => closeRound(deps, tx, data.bookingId, event.actor),
      'booking.completed': (data, tx) => recordJobFinished(tx, data.partnerId, new Date(data.completedAt)),
    }),
    pushEvents(deps, dispatchRealtimeGroup, {
      'dispatch.offers_sent': (wave) => [
        channels.admin,
        ...wave.offers.map((offer) => ({
          channel: channels.partner(offer.partnerId),
          data: { ...wave, offers: [offer] },
        })),
      ],
      'dispatch.offers_withdrawn': (withdrawal) => [
        channels.admin,
        ...withdrawal.partnerIds.map((partnerId) => ({
          channel: channels.partner(partnerId),
          data: { ...withdrawal, partnerIds: [partnerId] },
        })),
      ],
      'dispatch.partner_assigned': toPartnerAndStaff,
      'dispatch.partner_released': toPartnerAndStaff,
      'dispatch.partner_cancelled': toPartnerAndStaff,
      'dispatch.escalated': () => [channels.admin],
      'dispatch.gave_up': () => [channels.admin],
    }),
  ];
}
