import { describe, expect, it } from 'vitest';
import { catchUpFrom, isBeyondReplay } from './channel-replay.ts';

describe('catching a booking channel watcher up', () => {
  it('replays what a customer or staff missed after the sequence they name', () => {
    expect(catchUpFrom(0, 9, null)).toEqual({ kind: 'replay', after: 0 });
    expect(catchUpFrom(4, 9, null)).toEqual({ kind: 'replay', after: 4 });
    expect(catchUpFrom(9, 9, null)).toEqual({ kind: 'replay', after: 9 });
  });

  it('replays to a partner from their own assignment on, never what came before it', () => {
    expect(catchUpFrom(0, 12, 7)).toEqual({ kind: 'replay', after: 6 });
    expect(catchUpFrom(3, 12, 7)).toEqual({ kind: 'replay', after: 6 });
    expect(catchUpFrom(10, 12, 7)).toEqual({ kind: 'replay', after: 10 });
  });

  it('sends a snapshot to a watcher naming a sequence the booking has not reached', () => {
    expect(catchUpFrom(10, 9, null)).toEqual({ kind: 'resync' });
    expect(catchUpFrom(13, 12, 7)).toEqual({ kind: 'resync' });
  });

  it('sends a snapshot once more changes were missed than a replay sends', () => {
    expect(isBeyondReplay(100, 100)).toBe(false);
    expect(isBeyondReplay(101, 100)).toBe(true);
  });
});
