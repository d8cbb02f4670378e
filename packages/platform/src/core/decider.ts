import type { Actor, ErrorCode, Rejection } from '@zefy/contracts';
import { AppError } from './errors.ts';

/** What a decision may depend on besides the command and the state: who asks, and when. */
export interface DecideContext {
  actor: Actor;
  now: Date;
}

/** The events a command produces (none: nothing to do), or a coded refusal. Deciding never throws. */
export type Decision<Event> = { ok: true; events: Event[] } | ({ ok: false } & Rejection);

/**
 * An aggregate with a lifecycle as two pure functions: `decide` what happens, `evolve` the state by what
 * happened. The edge loads the state, decides, persists the events with the new state and its outbox rows
 * in one transaction (see docs/architecture.md).
 */
export interface Decider<Command, State, Event> {
  initialState: State;
  decide(command: Command, state: State, context: DecideContext): Decision<Event>;
  /** Total: an event that does not apply to the state leaves it unchanged. */
  evolve(state: State, event: Event): State;
}

export const accept = <Event>(...events: Event[]): Decision<Event> => ({ ok: true, events });

export const refuse = <Event = never>(
  code: ErrorCode,
  detail: string,
  errors?: Rejection['errors'],
): Decision<Event> => ({ ok: false, code, detail, ...(errors ? { errors } : {}) });

/** The exhaustiveness check of a `switch` over a union: a new member that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}

export const replay = <Command, State, Event>(
  decider: Decider<Command, State, Event>,
  events: readonly Event[],
  from: State = decider.initialState,
): State => events.reduce(decider.evolve, from);

/**
 * decide → evolve, for the edge: the new state and its events, or the refusal thrown as an AppError
 * (problem+json at the HTTP edge; a consumer decides itself which refusals are stale facts to skip).
 */
export function decideOrThrow<Command, State, Event>(
  decider: Decider<Command, State, Event>,
  command: Command,
  state: State,
  context: DecideContext,
): { state: State; events: Event[] } {
  const decision = decider.decide(command, state, context);
  if (!decision.ok)
    throw new AppError(decision.code, decision.detail, decision.errors ? { errors: decision.errors } : {});
  return { state: replay(decider, decision.events, state), events: decision.events };
}
