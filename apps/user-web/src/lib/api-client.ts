import { createApiClient } from '@zefy/web-kit';
import { readAccessToken } from './auth-token.ts';

export const api = createApiClient({ getToken: readAccessToken });
