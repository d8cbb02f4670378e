import { RealtimeSocket } from '@zefy/web-kit';
import { auth } from './api-client.ts';

/** The app's one WebSocket to the gateway, signed in as the current session (read at every reconnect). */
export const realtime = new RealtimeSocket({ getToken: () => auth.session()?.accessToken ?? null });
