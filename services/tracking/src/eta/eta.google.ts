import pLimit from 'p-limit';
import {
  batchByDestination,
  type EtaBatch,
  type EtaEstimate,
  type EtaFallbackReason,
  type EtaProvider,
  type EtaSource,
  type GoogleEtaSettings,
} from './eta.ts';

/** One element of Google's answer: a route's duration and distance, or why there is none. */
export type ElementOutcome =
  | { ok: true; durationSeconds: number; distanceMeters: number }
  | { ok: false; reason: EtaFallbackReason };

/** A request Google did not answer usefully: every estimate in it falls back. */
export class GoogleRequestFailed extends Error {
  constructor(
    readonly reason: EtaFallbackReason,
    message: string,
  ) {
    super(message);
  }
}

/** The wire format of one of Google's matrix APIs, for one batch (origins × 1 destination). */
export interface GoogleMatrix {
  source: EtaSource;
  defaultBaseUrl: string;
  maxOrigins: number;
  /** The HTTP request (its path under the base URL); `departAt` null: leaving now. */
  request(batch: EtaBatch, departAt: Date | null): { path: string; init: RequestInit };
  /** A 2xx answer's body as one outcome per origin; a request-level error throws GoogleRequestFailed. */
  read(body: unknown, batch: EtaBatch): ElementOutcome[];
}

export interface GoogleEtaOptions {
  apiKey: string;
  /** Google's host, or a stand-in's URL (with any path prefix it is mounted under). */
  baseUrl?: string;
  settings: GoogleEtaSettings;
  /** Where failed estimates come from: the offline estimator. */
  fallback: EtaProvider;
  now?: () => Date;
  /** Told of each failed request (not of element errors), e.g. to log Google's message. */
  onFailure?: (failure: { source: EtaSource; reason: EtaFallbackReason; message: string }) => void;
}

/** A departure this close to now is sent as "now": a departure time in the past fails the whole request. */
const departureMarginMs = 60_000;
const isLater = (departAt: Date, now: Date) => departAt.getTime() > now.getTime() + departureMarginMs;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Google's error body (`{error: {code, message, status}}`) as a failure, by HTTP status. */
async function httpFailure(response: Response): Promise<GoogleRequestFailed> {
  const text = await response.text();
  let message = text.slice(0, 300);
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && isRecord(body.error)) message = `${body.error.status}: ${body.error.message}`;
  } catch {
    // not JSON (a proxy's page): the text says what happened
  }
  const reason: EtaFallbackReason =
    response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'unavailable' : 'refused';
  return new GoogleRequestFailed(reason, `HTTP ${response.status} ${message}`);
}

function asFailure(error: unknown): GoogleRequestFailed {
  if (error instanceof GoogleRequestFailed) return error;
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  if (name === 'TimeoutError') return new GoogleRequestFailed('timeout', message);
  if (name === 'SyntaxError') return new GoogleRequestFailed('bad_response', message);
  // fetch's TypeError: no connection, reset, DNS
  return new GoogleRequestFailed('unavailable', message);
}

/**
 * An ETA provider over one of Google's matrix APIs: requests batched by destination and departure (all those
 * sent as "now" in one), at most `maxConcurrency` calls in flight, each cut off after `timeoutMs`. Whatever
 * Google does not answer (a failed call, an element without a route) comes from the fallback, marked with
 * the reason. After `failuresToOpen` failed calls in a row Google is skipped for `openSeconds`, then tried
 * again: one more failure skips it again, a success closes the circuit.
 */
export function googleEta(matrix: GoogleMatrix, options: GoogleEtaOptions): EtaProvider {
  const { settings, fallback, onFailure } = options;
  const now = options.now ?? (() => new Date());
  const baseUrl = (options.baseUrl ?? matrix.defaultBaseUrl).replace(/\/$/, '');
  const limit = pLimit(settings.maxConcurrency);
  let failuresInRow = 0;
  let openUntil = 0;

  async function call(batch: EtaBatch): Promise<ElementOutcome[]> {
    const { path, init } = matrix.request(batch, isLater(batch.departAt, now()) ? batch.departAt : null);
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) throw await httpFailure(response);
    return matrix.read(await response.json(), batch);
  }

  async function outcomesOf(batch: EtaBatch): Promise<ElementOutcome[]> {
    const failAll = (reason: EtaFallbackReason) =>
      batch.origins.map((): ElementOutcome => ({ ok: false, reason }));
    if (now().getTime() < openUntil) return failAll('circuit_open');
    try {
      const outcomes = await call(batch);
      failuresInRow = 0;
      return outcomes;
    } catch (error) {
      const failure = asFailure(error);
      onFailure?.({ source: matrix.source, reason: failure.reason, message: failure.message });
      failuresInRow += 1;
      if (failuresInRow >= settings.failuresToOpen) openUntil = now().getTime() + settings.openSeconds * 1000;
      return failAll(failure.reason);
    }
  }

  return {
    async estimate(requests) {
      const answers: Array<EtaEstimate | EtaFallbackReason> = requests.map(() => 'bad_response');
      const at = now();
      // departures a few milliseconds apart are one "now" on the wire, so they share their matrix
      const asSent = requests.map((request) =>
        isLater(request.departAt, at) ? request : { ...request, departAt: at },
      );
      const batches = batchByDestination(asSent, matrix.maxOrigins);
      await Promise.all(
        batches.map((batch) =>
          limit(async () => {
            const outcomes = await outcomesOf(batch);
            batch.requestIndexes.forEach((indexes, originIndex) => {
              const outcome = outcomes[originIndex] ?? { ok: false, reason: 'bad_response' };
              const answer: EtaEstimate | EtaFallbackReason = outcome.ok
                ? {
                    durationSeconds: outcome.durationSeconds,
                    distanceMeters: outcome.distanceMeters,
                    source: matrix.source,
                    fallbackReason: null,
                  }
                : outcome.reason;
              for (const index of indexes) answers[index] = answer;
            });
          }),
        ),
      );
      const failed = answers.flatMap((answer, index) =>
        typeof answer === 'string' ? [{ index, reason: answer }] : [],
      );
      const fallbacks = await fallback.estimate(failed.map(({ index }) => requests[index]!));
      failed.forEach(({ index, reason }, position) => {
        answers[index] = { ...fallbacks[position]!, fallbackReason: reason };
      });
      return answers as EtaEstimate[];
    },
  };
}
