import { type ApiClient, createApiClient } from '../api/api-client.ts';
import { type AuthApi, createAuthApi } from '../auth/auth-api.ts';
import { type AuthStore, createAuthStore } from '../auth/auth-store.ts';
import { createPushDevice, type PushDevice } from '../push/push-device.ts';
import { pushTokenSource } from '../push/push-token-source.ts';
import { RealtimeSocket } from '../realtime/realtime-socket.ts';
import { apiOrigin } from './api-origin.ts';

export interface AppClient {
  auth: AuthStore;
  api: ApiClient;
  authApi: AuthApi;
  /** The app's one WebSocket, signed in as the current session; it connects on `realtime.connect()`. */
  realtime: RealtimeSocket;
  /** This install's push device: registered by `usePushDevice` while signed in, unregistered by `logout`. */
  pushDevice: PushDevice;
}

/**
 * What an app needs to talk to the platform, all pointed at one gateway: `VITE_API_ORIGIN` (build time) or
 * the app's own origin; push tokens from Firebase when the build has its settings (`VITE_FIREBASE_*`).
 * `storageKey` keeps each app's login (and push device) apart: the three share an origin.
 */
export function createAppClient(storageKey: string): AppClient {
  const auth = createAuthStore({ storageKey, baseUrl: apiOrigin });
  const api = createApiClient({ auth, baseUrl: apiOrigin });
  const pushDevice = createPushDevice(api, pushTokenSource(globalThis.localStorage, storageKey));
  return {
    auth,
    api,
    authApi: createAuthApi(api, auth, { beforeLogout: pushDevice.unregister }),
    pushDevice,
    realtime: new RealtimeSocket({ getToken: () => auth.session()?.accessToken ?? null }),
  };
}
