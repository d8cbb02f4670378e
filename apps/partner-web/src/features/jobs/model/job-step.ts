import type { BookingStatus, JobTimer } from '@zefy/contracts';

/** What the partner does next on the job screen, from the booking's state. */
export type JobStep =
  | 'set_out'
  | 'on_the_way'
  | 'at_the_door'
  | 'working'
  | 'awaiting_extra_payment'
  | 'done'
  | 'closed';

export function stepOf(status: BookingStatus): JobStep {
  switch (status) {
    case 'assigned':
      return 'set_out';
    case 'en_route':
      return 'on_the_way';
    case 'arrived':
      return 'at_the_door';
    case 'in_progress':
      return 'working';
    case 'awaiting_extra_payment':
      return 'awaiting_extra_payment';
    case 'completed':
      return 'done';
    default:
      return 'closed';
  }
}

/**
 * When the job started on this phone's clock (ms): the server's elapsed time (`serverNow − startedAt`) counted
 * back from when the progress arrived, so a phone whose clock is off still shows the server's timer.
 */
export const startOnThisClock = (timer: JobTimer, serverNow: string, receivedAt: number): number =>
  receivedAt - (Date.parse(serverNow) - Date.parse(timer.startedAt));

/** `12:05` under an hour, `1:02:05` from then on. */
export function formatElapsed(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = `${pad(seconds % 60)}`;
  return hours > 0 ? `${hours}:${pad(minutes)}:${rest}` : `${pad(minutes)}:${rest}`;
}
