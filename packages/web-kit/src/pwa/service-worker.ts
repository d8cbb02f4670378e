/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the app's service worker (built by vite-plugin-pwa from defineAppConfig's `pwa`: the offline
 * app shell); installable apps call it once from main.tsx, the admin console has none.
 *
 * Push: the service worker imports `push-worker.js` (its `push` and `notificationclick` handlers);
 * `callAttention` shows notifications through this registration, and the Firebase token source gets its token
 * for it (`getToken(messaging, { serviceWorkerRegistration })`).
 */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    registerSW({
      immediate: true,
      onRegisteredSW: (_url, registration) => resolve(registration),
      onRegisterError: () => resolve(undefined),
    });
  });
}
