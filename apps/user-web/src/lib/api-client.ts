import { createApiClient } from '@zefy/web-kit';

// no token yet: the only call so far (the catalog) is public; sign-in adds a getToken here
export const api = createApiClient();
