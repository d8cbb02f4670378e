import {
  channels,
  dispatchRoutes,
  type EventData,
  type OfferRejectReason,
  type RealtimeEvent,
} from '@zefy/contracts';
import { callAttention } from '@zefy/web-kit';
import { useEffect, useReducer } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';
import {
  noOffers,
  type OffersAction,
  type OffersState,
  offersFromWave,
  offersReducer,
} from '../model/offers.ts';

export function listOffers(signal?: AbortSignal) {
  return api.call(dispatchRoutes.listOffers, {}, { signal });
}

export function acceptOffer(offerId: string) {
  return api.call(dispatchRoutes.acceptOffer, { params: { offerId } });
}

export function rejectOffer(offerId: string, reason: OfferRejectReason) {
  return api.call(dispatchRoutes.rejectOffer, { params: { offerId }, body: { reason } });
}

/** What a dispatch event pushed on the partner's channel changes on the offer cards; null for the rest. */
function actionOf(event: RealtimeEvent, partnerId: string): OffersAction | null {
  switch (event.type) {
    case 'dispatch.offers_sent':
      return { type: 'sent', data: event.data, partnerId, receivedAt: Date.now() };
    case 'dispatch.offers_withdrawn':
      return { type: 'withdrawn', data: event.data, partnerId };
    default:
      return null;
  }
}

/** A new offer of theirs wants the partner now: a beep on screen, a notification when the app is hidden. */
function announceOffer(wave: EventData<'dispatch.offers_sent'>, partnerId: string) {
  const [offer] = offersFromWave(wave, partnerId);
  if (!offer) return;
  void callAttention({
    title: 'New job offer',
    body: `${wave.serviceName}, ${wave.area}`,
    // the offer's push has this tag too: one notification, which "Job taken" replaces
    tag: `offer:${wave.bookingId}`,
  });
}

/**
 * The partner's open offers while on duty, live: a pushed wave shows its offer at once, and the list is
 * fetched again on every (re)subscription, which may have missed some, and with every dispatch event.
 */
export function useLiveOffers(partnerId: string, isOnDuty: boolean) {
  const [state, dispatch] = useReducer(offersReducer, noOffers);

  useEffect(() => {
    if (!isOnDuty) return;
    const controller = new AbortController();
    const load = () =>
      listOffers(controller.signal).then(
        (offers) => dispatch({ type: 'loaded', offers, receivedAt: Date.now() }),
        // the next event or reconnect loads again; the cards already shown stay
        () => undefined,
      );
    realtime.connect();
    const unsubscribe = realtime.subscribe(channels.partner(partnerId), {
      onEvent: (event) => {
        const action = actionOf(event, partnerId);
        if (!action) return;
        dispatch(action);
        if (action.type === 'sent') announceOffer(action.data, partnerId);
        load();
      },
      onSubscribed: load,
    });
    // the channel may be subscribed already (the inbox): no new "subscribed" then, so load now too
    load();
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [partnerId, isOnDuty]);

  const shown: OffersState = isOnDuty ? state : noOffers;
  return { state: shown, dispatch };
}
