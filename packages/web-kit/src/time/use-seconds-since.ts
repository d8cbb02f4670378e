import { useEffect, useState } from 'react';
import { secondsSince } from './countdown.ts';

/** Seconds since `since` (ms since the epoch, or an ISO time), re-rendering every second. */
export function useSecondsSince(since: number | string): number {
  const start = typeof since === 'string' ? Date.parse(since) : since;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return secondsSince(start, now);
}
