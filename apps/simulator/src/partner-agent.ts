import { setMaxListeners } from 'node:events';
import {
  bookingRoutes,
  channels,
  dispatchRoutes,
  type JobProgress,
  jobRoutes,
  realtimeProtocols,
  trackingRoutes,
} from '@zefy/contracts';
import WebSocket from 'ws';
import { type ApiClient, ApiError, sleep, type TokenSource } from './http.ts';
import { between, chance, type Random } from './random.ts';
import { gpsFix, type Point, plannedRoute, positionAlong, routeLengthMeters } from './route.ts';

export interface PartnerBehaviour {
  /** Chance of taking an offer seen while free; the rest are left to run out. */
  acceptProbability: number;
  /** Seconds from seeing an offer to answering it. */
  reactionSeconds: readonly [number, number];
  speedKmh: readonly [number, number];
  positionEverySeconds: number;
  gpsErrorMeters: number;
  /** Chance that a position upload is lost (no signal). */
  dropoutProbability: number;
  /** Seconds between the start and end codes. */
  jobSeconds: readonly [number, number];
  heartbeatSeconds: number;
  /** How often the app looks at its offers besides the WebSocket's pushes. */
  offerPollSeconds: number;
}

export const defaultPartnerBehaviour: PartnerBehaviour = {
  acceptProbability: 0.85,
  reactionSeconds: [2, 12],
  speedKmh: [15, 30],
  positionEverySeconds: 10,
  gpsErrorMeters: 8,
  dropoutProbability: 0.05,
  jobSeconds: [10, 30],
  heartbeatSeconds: 20,
  offerPollSeconds: 5,
};

/** What a partner agent reports to whoever watches the run. */
export type PartnerAgentEvent =
  | { type: 'accepted'; bookingId: string }
  | { type: 'en_route'; bookingId: string }
  | { type: 'arrived'; bookingId: string }
  | { type: 'started'; bookingId: string }
  | { type: 'finished'; bookingId: string }
  | { type: 'left'; bookingId: string; reason: string }
  | { type: 'error'; error: unknown };

/**
 * The codes a customer reads out at the door. The simulated customer reads them from their own booking view;
 * null when nobody can tell (the demo crew's human customer): the agent then stops at "arrived".
 */
export type CodeTeller = (bookingId: string, kind: 'start' | 'end') => Promise<string | null>;

export interface PartnerAgentOptions {
  api: ApiClient;
  token: TokenSource;
  partnerId: string;
  /** Where the partner is when they go on duty. */
  position: Point;
  behaviour: PartnerBehaviour;
  random: Random;
  tellCode: CodeTeller;
  onEvent?: (event: PartnerAgentEvent) => void;
}

/**
 * A partner with the partner app: on duty with heartbeats, offers from the partner WebSocket (and a slow poll
 * in case a push is missed), accept or let run out, drive to the job posting fixes, the codes, the job, the
 * rating. Everything through the public API.
 */
export function partnerAgent(options: PartnerAgentOptions) {
  const { api, behaviour, random, partnerId } = options;
  const stopping = new AbortController();
  // its loops and a job's waits each listen for going off duty
  setMaxListeners(0, stopping.signal);
  const seenOffers = new Set<string>();
  let position = options.position;
  let busy = false;
  let onDutySince: number | null = null;
  let busySince: number | null = null;
  const totals = { onDutyMs: 0, busyMs: 0 };
  let socket: WebSocket | undefined;
  const tasks = new Set<Promise<void>>();
  const emit = (event: PartnerAgentEvent) => options.onEvent?.(event);
  const run = (task: () => Promise<void>) => {
    const running = task()
      .catch((error: unknown) => {
        if (!stopping.signal.aborted) emit({ type: 'error', error });
      })
      .finally(() => tasks.delete(running));
    tasks.add(running);
  };

  /** The API as this partner, with a token that is still good. */
  const asPartner = async () => api.as(await options.token());
  const ofJob = (bookingId: string) => ({ params: { bookingId } });

  const heartbeat = async () =>
    (await asPartner()).call(bookingRoutes.putPresence, {
      body: { online: true, lat: position.lat, lng: position.lng },
    });

  const setBusy = (isBusy: boolean) => {
    if (isBusy && busySince === null) busySince = Date.now();
    if (!isBusy && busySince !== null) {
      totals.busyMs += Date.now() - busySince;
      busySince = null;
    }
    busy = isBusy;
  };

  async function lookAtOffers() {
    if (busy || stopping.signal.aborted) return;
    const offers = await (await asPartner()).call(dispatchRoutes.listOffers);
    for (const offer of offers.items) {
      if (seenOffers.has(offer.offerId) || offer.status !== 'open') continue;
      seenOffers.add(offer.offerId);
      if (!chance(random, behaviour.acceptProbability)) continue;
      run(async () => {
        await sleep(between(random, ...behaviour.reactionSeconds) * 1000, stopping.signal);
        if (busy || stopping.signal.aborted) return;
        setBusy(true);
        try {
          await (await asPartner()).call(dispatchRoutes.acceptOffer, { params: { offerId: offer.offerId } });
        } catch (error) {
          setBusy(false);
          // taken by another partner, withdrawn or run out: the everyday race of dispatch
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return;
          throw error;
        }
        emit({ type: 'accepted', bookingId: offer.bookingId });
        try {
          await doJob(offer.bookingId);
        } finally {
          setBusy(false);
        }
      });
    }
  }

  /** The job's state, or null once it is no longer this partner's (cancelled, reassigned). */
  async function stillMine(bookingId: string): Promise<JobProgress | null> {
    try {
      const progress = await (await asPartner()).call(jobRoutes.getJobProgress, ofJob(bookingId));
      return ['cancelled', 'refunded', 'confirmed'].includes(progress.status) ? null : progress;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }

  async function drive(bookingId: string, to: Point): Promise<boolean> {
    const route = plannedRoute(random, position, to);
    const length = routeLengthMeters(route);
    const metresPerSecond = (between(random, ...behaviour.speedKmh) * 1000) / 3600;
    const setOutAt = Date.now();
    for (;;) {
      await sleep(behaviour.positionEverySeconds * 1000, stopping.signal);
      if (stopping.signal.aborted) return false;
      const travelled = Math.min(length, ((Date.now() - setOutAt) / 1000) * metresPerSecond);
      position = positionAlong(route, travelled);
      if (!chance(random, behaviour.dropoutProbability)) {
        const fix = gpsFix(random, position, behaviour.gpsErrorMeters);
        try {
          await (await asPartner()).call(trackingRoutes.uploadPositions, {
            ...ofJob(bookingId),
            body: { positions: [{ ...fix, fixAt: new Date().toISOString() }] },
          });
        } catch (error) {
          // a fix refused (jitter, speed) or the job no longer en route: the app carries on
          if (!(error instanceof ApiError && error.status < 500)) throw error;
          if (error.code === 'TRACKING.NOT_EN_ROUTE' && !(await stillMine(bookingId))) return false;
        }
      }
      if (travelled >= length) return true;
    }
  }

  async function doJob(bookingId: string) {
    const jobs = await (await asPartner()).call(dispatchRoutes.listJobs);
    const job = jobs.items.find((item) => item.bookingId === bookingId);
    if (!job?.location) return emit({ type: 'left', bookingId, reason: 'no address pin' });
    await (await asPartner()).call(dispatchRoutes.startJourney, ofJob(bookingId));
    emit({ type: 'en_route', bookingId });
    if (!(await drive(bookingId, job.location)))
      return emit({ type: 'left', bookingId, reason: 'no longer the job' });
    await (await asPartner()).call(dispatchRoutes.confirmArrival, ofJob(bookingId));
    emit({ type: 'arrived', bookingId });
    const startCode = await options.tellCode(bookingId, 'start');
    if (startCode === null)
      return emit({ type: 'left', bookingId, reason: 'waiting at the door for the code' });
    await (await asPartner()).call(jobRoutes.startJob, { ...ofJob(bookingId), body: { otp: startCode } });
    emit({ type: 'started', bookingId });
    await sleep(between(random, ...behaviour.jobSeconds) * 1000, stopping.signal);
    const endCode = await options.tellCode(bookingId, 'end');
    if (endCode === null) return emit({ type: 'left', bookingId, reason: 'no end code' });
    let progress = await (await asPartner()).call(jobRoutes.endJob, {
      ...ofJob(bookingId),
      body: { otp: endCode },
    });
    // extra time: the customer pays it before the job completes
    while (progress.status === 'awaiting_extra_payment' && !stopping.signal.aborted) {
      await sleep(2000, stopping.signal);
      progress = (await stillMine(bookingId)) ?? progress;
    }
    if (progress.status === 'completed')
      await (await asPartner()).call(jobRoutes.rateCustomer, {
        ...ofJob(bookingId),
        body: { stars: Math.round(between(random, 3.5, 5)) },
      });
    emit({ type: 'finished', bookingId });
  }

  function connect(token: string) {
    const ws = new WebSocket(`${api.baseUrl.replace(/^http/, 'ws')}/ws`, realtimeProtocols(token));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel: channels.partner(partnerId) })));
    ws.on('message', () => run(lookAtOffers));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      // the app reconnects when the connection drops (a new token if the old one ran out)
      if (!stopping.signal.aborted)
        run(async () => {
          await sleep(2000, stopping.signal);
          if (!stopping.signal.aborted) socket = connect(await options.token());
        });
    });
    return ws;
  }

  const loop = (everyMs: number, step: () => Promise<unknown>) =>
    run(async () => {
      while (!stopping.signal.aborted) {
        await sleep(everyMs, stopping.signal);
        if (stopping.signal.aborted) return;
        try {
          await step();
        } catch (error) {
          if (!stopping.signal.aborted) emit({ type: 'error', error });
        }
      }
    });

  return {
    partnerId,
    async start() {
      await heartbeat();
      onDutySince = Date.now();
      socket = connect(await options.token());
      loop(behaviour.heartbeatSeconds * 1000, heartbeat);
      loop(behaviour.offerPollSeconds * 1000, lookAtOffers);
      run(lookAtOffers);
    },
    /** Off duty: no new offers; a job under way is dropped where it stands. */
    async stop() {
      stopping.abort();
      socket?.close();
      await Promise.allSettled([...tasks]);
      setBusy(false);
      if (onDutySince !== null) totals.onDutyMs += Date.now() - onDutySince;
      onDutySince = null;
      await (await asPartner())
        .call(bookingRoutes.putPresence, { body: { online: false } })
        .catch(() => undefined);
    },
    isBusy: () => busy,
    /** Time on duty and busy so far. */
    usage() {
      const now = Date.now();
      return {
        onDutyMs: totals.onDutyMs + (onDutySince === null ? 0 : now - onDutySince),
        busyMs: totals.busyMs + (busySince === null ? 0 : now - busySince),
      };
    },
  };
}

export type PartnerAgent = ReturnType<typeof partnerAgent>;
