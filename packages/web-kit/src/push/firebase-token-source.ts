import type { GetTokenOptions } from 'firebase/messaging';
import type { FirebaseWebPush } from './firebase-web-push.ts';
import {
  assertNotificationsAllowed,
  installDeviceId,
  type KeyValueStorage,
  type PushTokenSource,
} from './push-device.ts';

/** Firebase Messaging, loaded on first use: a build without Firebase settings never fetches the SDK. */
async function loadMessaging({ config }: FirebaseWebPush) {
  const [{ initializeApp }, messaging] = await Promise.all([
    import('firebase/app'),
    import('firebase/messaging'),
  ]);
  const instance = messaging.getMessaging(initializeApp(config));
  return {
    getToken: (options: GetTokenOptions) => messaging.getToken(instance, options),
    deleteToken: () => messaging.deleteToken(instance),
  };
}

/**
 * FCM's web flow: the token `getToken` makes for this browser's push subscription on the app's own service
 * worker (whose imported push handler shows what arrives), so no `firebase-messaging-sw.js` is needed. It
 * needs notifications allowed, asked from a gesture (`askNotificationPermission`, which then registers the
 * device): until then it has no token.
 */
export function firebaseTokenSource(
  storage: KeyValueStorage,
  storageKey: string,
  firebase: FirebaseWebPush,
): PushTokenSource {
  let messaging: ReturnType<typeof loadMessaging> | null = null;
  const client = () => {
    messaging ??= loadMessaging(firebase);
    return messaging;
  };
  return {
    async current() {
      assertNotificationsAllowed();
      const deviceId = installDeviceId(storage, `${storageKey}.push-device`);
      const serviceWorkerRegistration = await navigator.serviceWorker.ready;
      const token = await (await client()).getToken({
        vapidKey: firebase.vapidKey,
        serviceWorkerRegistration,
      });
      return { deviceId, token, platform: 'web' };
    },
    // the push subscription goes too: the next person signing in on this browser gets a token of their own
    async release() {
      await (await client()).deleteToken();
    },
  };
}
