import type { Logger } from '@zefy/platform';
import { type RazorpayWebhookEventName, webhookSignature } from '@zefy/razorpay';
import { createFaultScript } from './faults.ts';
import { randomId } from './ids.ts';

export interface WebhookRetrySettings {
  /** Delay before the first retry; doubled after each failure up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Retries stop this long after the event was created; the webhook is then disabled (Razorpay: 24 h). */
  windowMs: number;
}

export interface WebhookSettings {
  url: string | null;
  secret: string;
  isEnabled: boolean;
  /** An answer slower than this counts as a failure (Razorpay: 5 s). */
  timeoutMs: number;
  retry: WebhookRetrySettings;
  disabledReason: string | null;
}

export type WebhookSettingsPatch = Partial<Omit<WebhookSettings, 'retry' | 'disabledReason'>> & {
  retry?: Partial<WebhookRetrySettings>;
};

/**
 * How the next matching events misbehave: `duplicate` delivers each twice (same id and body), `reverse`
 * delivers a batch (the events one action caused) last-first, `delay` holds each back `delayMs`, `never`
 * drops it (reconciliation must find it), `hold` parks it until `release()`.
 */
export type WebhookFaultMode = 'duplicate' | 'reverse' | 'delay' | 'never' | 'hold';

export interface WebhookFault {
  id: string;
  mode: WebhookFaultMode;
  /** Event names it applies to; null for all. */
  events: string[] | null;
  /** Events (batches for `reverse`) left to affect; null until cleared. */
  remaining: number | null;
  delayMs: number;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  isDuplicate: boolean;
  isReplay: boolean;
}

export type WebhookEventState =
  | 'pending'
  | 'retrying'
  | 'held'
  | 'delivered'
  | 'dropped'
  | 'failed'
  | 'skipped';

export interface SimWebhookEvent {
  id: string;
  name: RazorpayWebhookEventName;
  body: string;
  signature: string;
  createdAtMs: number;
  state: WebhookEventState;
  attempts: DeliveryAttempt[];
  refs: { orderId: string | null; paymentId: string | null; refundId: string | null };
}

export interface NewWebhookEvent {
  name: RazorpayWebhookEventName;
  contains: string[];
  payload: Record<string, { entity: unknown }>;
  refs: SimWebhookEvent['refs'];
}

export interface WebhookDispatcher {
  settings(): WebhookSettings;
  update(patch: WebhookSettingsPatch): WebhookSettings;
  /** Records the events one action caused and starts delivering them in order. */
  emit(batch: NewWebhookEvent[]): SimWebhookEvent[];
  addFault(fault: Omit<WebhookFault, 'id'>): WebhookFault;
  faults(): WebhookFault[];
  clearFaults(): void;
  /** Delivers the held events, in the order they were held or reversed. */
  release(order: 'fifo' | 'reverse'): number;
  events(): SimWebhookEvent[];
  /** Delivers an event again with its id, signed with the current secret, as a Dashboard replay does. */
  replay(eventId: string): SimWebhookEvent | undefined;
  reset(): void;
  close(): Promise<void>;
}

const maxStoredEvents = 10_000;

/** Exponential backoff: the first retry after `initialDelayMs`, each next one twice as late, capped. */
export const retryDelayMs = (retry: WebhookRetrySettings, failures: number): number =>
  Math.min(retry.initialDelayMs * 2 ** (failures - 1), retry.maxDelayMs);

export const defaultWebhookSettings = (secret: string): WebhookSettings => ({
  url: null,
  secret,
  isEnabled: true,
  timeoutMs: 5_000,
  retry: { initialDelayMs: 10_000, maxDelayMs: 3_600_000, windowMs: 24 * 3_600_000 },
  disabledReason: null,
});

/** Delivers webhooks as Razorpay does: signed raw body, at least once, 2xx within the timeout or retried. */
export function createWebhookDispatcher(options: {
  settings: WebhookSettings;
  accountId: string;
  now: () => number;
  logger?: Logger;
}): WebhookDispatcher {
  let settings = structuredClone(options.settings);
  let stored: SimWebhookEvent[] = [];
  const faults = createFaultScript<WebhookFault>();
  let held: SimWebhookEvent[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<AbortController>();
  let isClosed = false;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  const takeFault = (name: string, modes: readonly WebhookFaultMode[]): WebhookFault | undefined =>
    faults.take(
      (fault) => modes.includes(fault.mode) && (fault.events === null || fault.events.includes(name)),
    );

  async function post(
    event: SimWebhookEvent,
    delivery: { isDuplicate: boolean; isReplay: boolean; signature: string },
  ): Promise<boolean> {
    const attempt: DeliveryAttempt = {
      attempt: event.attempts.length + 1,
      at: new Date(options.now()).toISOString(),
      status: null,
      error: null,
      ...delivery,
    };
    event.attempts.push(attempt);
    if (!settings.url || !settings.isEnabled) {
      attempt.error = settings.url ? 'webhook disabled' : 'no webhook URL configured';
      return false;
    }
    const controller = new AbortController();
    inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(new Error('timeout')), settings.timeoutMs);
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Razorpay-Webhook/v1 (zefy simulator)',
          'x-razorpay-signature': delivery.signature,
          'x-razorpay-event-id': event.id,
        },
        body: event.body,
        signal: controller.signal,
      });
      await response.arrayBuffer();
      attempt.status = response.status;
      if (response.status < 200 || response.status > 299) attempt.error = `answered ${response.status}`;
    } catch (error) {
      attempt.error = controller.signal.aborted
        ? `no answer within ${settings.timeoutMs} ms`
        : (error as Error).message;
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
    const isOk = attempt.error === null;
    options.logger?.debug(
      {
        eventId: event.id,
        event: event.name,
        attempt: attempt.attempt,
        status: attempt.status,
        error: attempt.error,
      },
      'webhook delivery attempted',
    );
    return isOk;
  }

  async function deliver(event: SimWebhookEvent): Promise<void> {
    if (isClosed) return;
    if (!settings.isEnabled) {
      event.state = 'skipped';
      return;
    }
    const isOk = await post(event, { isDuplicate: false, isReplay: false, signature: event.signature });
    if (isOk) event.state = 'delivered';
    else scheduleRetry(event);
    if (event.attempts.length === 1 && takeFault(event.name, ['duplicate'])) {
      const isDuplicateOk = await post(event, {
        isDuplicate: true,
        isReplay: false,
        signature: event.signature,
      });
      if (isDuplicateOk) event.state = 'delivered';
    }
  }

  function scheduleRetry(event: SimWebhookEvent): void {
    if (isClosed || event.state === 'delivered') return;
    const failures = event.attempts.filter((attempt) => !attempt.isDuplicate && !attempt.isReplay).length;
    const delay = retryDelayMs(settings.retry, failures);
    if (options.now() + delay - event.createdAtMs > settings.retry.windowMs) {
      event.state = 'failed';
      settings.isEnabled = false;
      settings.disabledReason = `event ${event.id} (${event.name}) failed for the whole retry window`;
      options.logger?.warn({ eventId: event.id }, 'webhook disabled after failing for the retry window');
      return;
    }
    event.state = 'retrying';
    later(delay, () => {
      if (event.state === 'retrying') void deliver(event);
    });
  }

  async function deliverInOrder(events: SimWebhookEvent[]): Promise<void> {
    for (const event of events) await deliver(event);
  }

  return {
    settings: () => structuredClone(settings),

    update(patch) {
      settings = {
        ...settings,
        ...patch,
        retry: { ...settings.retry, ...patch.retry },
        ...(patch.isEnabled ? { disabledReason: null } : {}),
      };
      return structuredClone(settings);
    },

    emit(batch) {
      const createdAtMs = options.now();
      const events = batch.map((item): SimWebhookEvent => {
        const body = JSON.stringify({
          entity: 'event',
          account_id: options.accountId,
          event: item.name,
          contains: item.contains,
          payload: item.payload,
          created_at: Math.floor(createdAtMs / 1000),
        });
        return {
          id: randomId(''),
          name: item.name,
          body,
          signature: webhookSignature(settings.secret, body),
          createdAtMs,
          state: 'pending',
          attempts: [],
          refs: item.refs,
        };
      });
      stored.push(...events);
      if (stored.length > maxStoredEvents) stored = stored.slice(-maxStoredEvents);
      if (!settings.isEnabled) {
        for (const event of events) event.state = 'skipped';
        return events;
      }
      const isReversed = events.some((event) => takeFault(event.name, ['reverse']));
      const inOrder: SimWebhookEvent[] = [];
      for (const event of isReversed ? [...events].reverse() : events) {
        const fault = takeFault(event.name, ['never', 'hold', 'delay']);
        if (fault?.mode === 'never') event.state = 'dropped';
        else if (fault?.mode === 'hold') {
          event.state = 'held';
          held.push(event);
        } else if (fault?.mode === 'delay') later(fault.delayMs, () => void deliver(event));
        else inOrder.push(event);
      }
      void deliverInOrder(inOrder);
      return events;
    },

    addFault: faults.add,
    faults: faults.list,
    clearFaults: faults.clear,

    release(order) {
      const released = order === 'reverse' ? [...held].reverse() : held;
      held = [];
      for (const event of released) event.state = 'pending';
      void deliverInOrder(released);
      return released.length;
    },

    events: () => structuredClone(stored),

    replay(eventId) {
      const event = stored.find((candidate) => candidate.id === eventId);
      if (!event) return undefined;
      void post(event, {
        isDuplicate: false,
        isReplay: true,
        signature: webhookSignature(settings.secret, event.body),
      }).then((isOk) => {
        if (isOk) event.state = 'delivered';
      });
      return structuredClone(event);
    },

    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      stored = [];
      faults.clear();
      held = [];
      settings = { ...settings, isEnabled: true, disabledReason: null };
    },

    async close() {
      isClosed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of inFlight) controller.abort(new Error('simulator closing'));
    },
  };
}
