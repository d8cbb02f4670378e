import { randomId } from './ids.ts';

/** The API calls a fault can be scripted for, as the control API names them. */
export const apiOperations = [
  'create_order',
  'list_orders',
  'fetch_order',
  'order_payments',
  'fetch_payment',
  'capture',
  'refund',
  'fetch_refund',
] as const;
export type ApiOperation = (typeof apiOperations)[number];

/**
 * A scripted API failure for the next matching calls: `fail` answers 500 without doing anything,
 * `lose_response` does the work and then drops the connection (the caller cannot know it happened),
 * `delay` waits `delayMs` first (for refunds, while the idempotency key is already in flight).
 */
export interface ApiFault {
  id: string;
  operation: ApiOperation | 'any';
  mode: 'fail' | 'lose_response' | 'delay';
  remaining: number | null;
  delayMs: number;
}

export interface ApiFaults {
  addApiFault(fault: Omit<ApiFault, 'id'>): ApiFault;
  apiFaults(): ApiFault[];
  clearApiFaults(): void;
  /** The fault the next call of `operation` runs into, if any (consumed). */
  takeApiFault(operation: ApiOperation): ApiFault | undefined;
}

/** Faults scripted for what comes next, each used up after `remaining` matches (null: until cleared). */
export interface FaultScript<F extends { id: string; remaining: number | null }> {
  add(fault: Omit<F, 'id'>): F;
  list(): F[];
  clear(): void;
  /** The first fault left that `matches`, counted as used once. */
  take(matches: (fault: F) => boolean): F | undefined;
}

export function createFaultScript<F extends { id: string; remaining: number | null }>(): FaultScript<F> {
  let faults: F[] = [];
  return {
    add(fault) {
      const added = { ...fault, id: randomId('fault_') } as F;
      faults.push(added);
      return { ...added };
    },
    list: () => faults.map((fault) => ({ ...fault })),
    clear() {
      faults = [];
    },
    take(matches) {
      const fault = faults.find(
        (candidate) => matches(candidate) && (candidate.remaining === null || candidate.remaining > 0),
      );
      if (fault && fault.remaining !== null) fault.remaining -= 1;
      return fault;
    },
  };
}

export function createApiFaults(): ApiFaults {
  const script = createFaultScript<ApiFault>();
  return {
    addApiFault: script.add,
    apiFaults: script.list,
    clearApiFaults: script.clear,
    takeApiFault: (operation) =>
      script.take((fault) => fault.operation === operation || fault.operation === 'any'),
  };
}
