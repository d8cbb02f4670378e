import { createAppClient } from '@zefy/web-kit';

// the gateway's origin is set at build time (VITE_API_ORIGIN); the three apps share an origin, hence a key each
export const { api, auth, authApi, pushDevice, realtime } = createAppClient('zefy.partner.session');
