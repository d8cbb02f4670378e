import type { EventData } from '@zefy/contracts';
import { onEvents, type Subscription } from '@zefy/platform';
import type { NotificationsDeps } from '../deps.ts';
import { listDevices, removeToken } from '../devices/devices.repository.ts';
import { classifyFailure } from './push.ts';

export const wakeGroup = 'notifications.wake';

type WakeRequest = EventData<'tracking.partner_wake_requested'>;

/** One silent push to each of the partner's devices; a dead token goes, anything else is only logged. */
async function wakeDevices(deps: NotificationsDeps, tokens: readonly string[], wake: WakeRequest) {
  const data = { kind: 'wake', bookingId: wake.bookingId };
  const collapseId = `wake:${wake.bookingId}`;
  const results = await deps.push.sender.sendEach(
    tokens.map((token) => ({ token, data, collapseId, isSilent: true as const })),
  );
  for (const [index, result] of results.entries()) {
    if (result.ok) continue;
    const token = tokens[index] as string;
    if (classifyFailure(result.failure) === 'token_invalid') await removeToken(deps.db.pool, token);
    else deps.logger.warn({ bookingId: wake.bookingId, code: result.failure.code }, 'wake push not sent');
  }
}

/**
 * A partner app whose position went stale en route is woken by a silent (data-only) push to each of the
 * partner's phones, so it sends GPS again. Not an inbox entry and never retried: a late wake is worth
 * nothing, and the ETA monitor asks again while the position stays stale.
 */
export function wakeSubscriptions(deps: NotificationsDeps): Subscription[] {
  return [
    onEvents(deps.db, wakeGroup, {
      'tracking.partner_wake_requested': async (wake, tx) => {
        // a web app cannot send GPS once closed, and a push it shows nothing for makes the browser show a
        // notice of its own ("updated in the background"): phones only
        const devices = (await listDevices(tx, { kind: 'partner', id: wake.partnerId })).filter(
          (device) => device.platform !== 'web',
        );
        if (devices.length === 0) return undefined;
        return () =>
          wakeDevices(
            deps,
            devices.map((device) => device.token),
            wake,
          );
      },
    }),
  ];
}
