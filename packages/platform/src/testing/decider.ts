import type { ErrorCode } from '@zefy/contracts';
import { expect } from 'vitest';
import { type DecideContext, type Decider, replay } from '../core/decider.ts';

/**
 * Given/when/then for a decider, with no I/O:
 * `given(booking, held, paid).when(cancel, asCustomer).thenEmits(cancelled)` or `.thenRefuses('BOOKING.…')`.
 */
export function given<Command, State, Event>(decider: Decider<Command, State, Event>, ...history: Event[]) {
  const state = replay(decider, history);
  return {
    state,
    when(command: Command, context: DecideContext) {
      const decision = decider.decide(command, state, context);
      return {
        decision,
        /** Asserts exactly these events, in order, and returns the state they lead to. */
        thenEmits(...events: Event[]): State {
          expect(decision).toEqual({ ok: true, events });
          return replay(decider, events, state);
        },
        /** Asserts a refusal with this code (and a detail that says why). */
        thenRefuses(code: ErrorCode): void {
          expect(decision).toMatchObject({ ok: false, code });
          expect(decision.ok ? '' : decision.detail).not.toBe('');
        },
      };
    },
  };
}
