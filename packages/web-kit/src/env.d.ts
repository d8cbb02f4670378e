/// <reference types="vite/client" />

// build-time settings the apps read (scripts/build-web.mjs passes the environment through)
interface ImportMetaEnv {
  /** The gateway's origin when the app is hosted elsewhere; empty for the app's own origin. */
  readonly VITE_API_ORIGIN?: string;
  /** Map tile URL template; empty for none. */
  readonly VITE_MAP_TILE_URL?: string;
  /** The Firebase web app's config as JSON, for FCM's web flow; with VITE_FIREBASE_VAPID_KEY, or neither. */
  readonly VITE_FIREBASE_CONFIG?: string;
  /** The Firebase project's public VAPID key (Web Push certificates). */
  readonly VITE_FIREBASE_VAPID_KEY?: string;
}
