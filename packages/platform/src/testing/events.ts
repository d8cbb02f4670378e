import type { EventData } from '@zefy/contracts';

/**
 * The data of a wave of offers as dispatch sends it (a sofa cleaning now, in Indiranagar, expiring as sent),
 * for the tests of what reads one.
 */
export const offersSentData = (wave: {
  bookingId: string;
  sentAt: string;
  offers: EventData<'dispatch.offers_sent'>['offers'];
}): EventData<'dispatch.offers_sent'> => ({
  bookingId: wave.bookingId,
  hubId: 'hub-1',
  wave: 1,
  trigger: 'head_start',
  serviceName: 'Sofa cleaning',
  area: 'Indiranagar',
  window: { kind: 'now', startsAt: wave.sentAt, endsAt: wave.sentAt },
  timeZone: 'Asia/Kolkata',
  earningPaise: 39_920,
  sentAt: wave.sentAt,
  expiresAt: wave.sentAt,
  offers: wave.offers,
});
