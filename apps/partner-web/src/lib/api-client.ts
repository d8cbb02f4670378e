import { createApiClient, createAuthApi, createAuthStore } from '@zefy/web-kit';

// each app keeps its own login: the three share an origin, hence a key per app
export const auth = createAuthStore({ storageKey: 'zefy.partner.session' });
export const api = createApiClient({ auth });
export const authApi = createAuthApi(api, auth);
