import { playAlertSound } from '../ui/alert-sound.ts';
import type { PushDevice } from './push-device.ts';

/**
 * Asks for permission to show notifications; call it from a user gesture (browsers ignore or penalise asking
 * unprompted). Allowed, it registers this install's push device at once (there is no push token before),
 * not waiting for the permission's change event, which `usePushDevice` keeps for an answer given in the
 * browser's settings. Denied is fine: the in-app WebSocket still brings everything while the app is open.
 */
export async function askNotificationPermission(pushDevice: PushDevice): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  const answer = await Notification.requestPermission().catch(() => Notification.permission);
  // in the background: the caller's screen follows the answer, not the registration
  if (answer === 'granted') void pushDevice.register().catch(() => undefined);
}

/**
 * Something that wants the person now (a job offer): a beep while they look at the app, a system notification
 * through the service worker when the tab is hidden and notifications are allowed. `tag` collapses repeats.
 */
export async function callAttention(message: { title: string; body: string; tag: string }): Promise<void> {
  if (document.visibilityState === 'visible') {
    playAlertSound();
    return;
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const registration = await navigator.serviceWorker?.getRegistration();
  await registration?.showNotification(message.title, { body: message.body, tag: message.tag });
}
