import { RealtimeSocket } from '@zefy/web-kit';
import { readAccessToken } from './auth-token.ts';

/** The console's one WebSocket to the gateway; screens subscribe to the `admin` channel through it. */
export const realtime = new RealtimeSocket({ getToken: readAccessToken });
