import { useEffect, useState } from 'react';
import { secondsUntil } from './countdown.ts';

/** Seconds left until `until` (ms since the epoch, or an ISO time), re-rendering every second until zero. */
export function useSecondsLeft(until: number | string): number {
  const deadline = typeof until === 'string' ? Date.parse(until) : until;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return secondsUntil(deadline, now);
}
