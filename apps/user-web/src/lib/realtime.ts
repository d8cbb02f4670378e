import { RealtimeSocket } from '@zefy/web-kit';
import { readAccessToken } from './auth-token.ts';

/** The app's one WebSocket to the gateway; the booking screens follow `user:<id>` through it. */
export const realtime = new RealtimeSocket({ getToken: readAccessToken });
