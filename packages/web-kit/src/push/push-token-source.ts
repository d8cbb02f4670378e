import { firebaseTokenSource } from './firebase-token-source.ts';
import { firebaseWebPushOf } from './firebase-web-push.ts';
import { type KeyValueStorage, type PushTokenSource, simulatorTokenSource } from './push-device.ts';

/** FCM's web flow when the build has Firebase settings (`VITE_FIREBASE_*`), the FCM simulator's tokens otherwise. */
export function pushTokenSource(storage: KeyValueStorage, storageKey: string): PushTokenSource {
  // a literal once built: without Firebase settings the bundler drops this branch, and the SDK's chunks with it
  if (import.meta.env.VITE_FIREBASE_CONFIG) {
    const firebase = firebaseWebPushOf(import.meta.env);
    if (firebase) return firebaseTokenSource(storage, storageKey, firebase);
  }
  return simulatorTokenSource(storage, storageKey);
}
