/** The Firebase web app's config (Firebase console, project settings, "Your apps"): what messaging needs. */
export interface FirebaseWebConfig {
  apiKey: string;
  projectId: string;
  appId: string;
  messagingSenderId: string;
}

/** FCM's web flow: the web app's config and the project's public VAPID key ("Web Push certificates"). */
export interface FirebaseWebPush {
  config: FirebaseWebConfig;
  vapidKey: string;
}

interface FirebaseEnv {
  VITE_FIREBASE_CONFIG?: string;
  VITE_FIREBASE_VAPID_KEY?: string;
}

const requiredKeys = ['apiKey', 'projectId', 'appId', 'messagingSenderId'] as const;

/**
 * The build's Firebase web push settings, or null when none are set (the apps use the FCM simulator's tokens).
 * Half a setting throws: the app config calls this at build time, so a bad one fails the build, not the app.
 */
export function firebaseWebPushOf(env: FirebaseEnv): FirebaseWebPush | null {
  const json = env.VITE_FIREBASE_CONFIG?.trim() ?? '';
  const vapidKey = env.VITE_FIREBASE_VAPID_KEY?.trim() ?? '';
  if (!json && !vapidKey) return null;
  if (!json || !vapidKey)
    throw new Error('VITE_FIREBASE_CONFIG and VITE_FIREBASE_VAPID_KEY go together: set both or neither');
  let config: unknown;
  try {
    config = JSON.parse(json);
  } catch {
    throw new Error('VITE_FIREBASE_CONFIG is not JSON: paste the web app config object with quoted keys');
  }
  const missing = requiredKeys.filter(
    (key) => typeof (config as Record<string, unknown> | null)?.[key] !== 'string',
  );
  if (missing.length > 0) throw new Error(`VITE_FIREBASE_CONFIG lacks ${missing.join(', ')}`);
  return { config: config as FirebaseWebConfig, vapidKey };
}
