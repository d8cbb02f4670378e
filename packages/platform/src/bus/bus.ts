import type { EventEnvelope } from '@zefy/contracts';

export interface EventHandlerContext {
  /** 1 on first delivery, incremented on every retry. */
  attempt: number;
  redelivered: boolean;
}

export type EventHandler = (event: EventEnvelope, context: EventHandlerContext) => Promise<void>;

export interface Subscription {
  /** Consumer group: every group gets every event; instances within a group compete. */
  group: string;
  /** Event types (routing keys) this group receives. */
  eventTypes: readonly string[];
  handler: EventHandler;
}

export interface DeadLetter {
  id: string;
  group: string;
  event: EventEnvelope;
  error: string;
  attempts: number;
  deadAt: string;
}

export interface RetryPolicy {
  /** Total deliveries before dead-lettering, first one included. */
  maxAttempts: number;
  /** Delay before retry n (index 0 = before the second attempt); the last value repeats. */
  backoffMs: readonly number[];
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, backoffMs: [1_000, 5_000, 30_000, 120_000] };

/**
 * At-least-once event bus. Adapters: in-process (embedded mode) and RabbitMQ (distributed mode),
 * with the same semantics, proven by test/bus.contract.
 */
export interface EventBus {
  /** Resolves once the broker has confirmed the event. */
  publish(event: EventEnvelope): Promise<void>;
  /** Starts consuming; the returned function stops this consumer (in-flight handlers finish). */
  subscribe(subscription: Subscription): Promise<() => Promise<void>>;
  deadLetters(group: string): Promise<DeadLetter[]>;
  /** Moves a dead letter back to its group's queue for another round of attempts. */
  replayDeadLetter(group: string, id: string): Promise<boolean>;
  /** Connectivity check for /readyz. */
  isHealthy(): boolean;
  close(): Promise<void>;
}
