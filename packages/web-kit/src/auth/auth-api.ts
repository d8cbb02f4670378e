import type { AuthTokens, DevSms, LoginAudience, OtpChallenge } from '@zefy/contracts';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { AuthStore } from './auth-store.ts';

/** The identity service's login calls, shared by the three apps. */
export function createAuthApi(api: ApiClient, auth: AuthStore) {
  return {
    requestCode: (phone: string, audience: LoginAudience) =>
      api.post<OtpChallenge>('/auth/otp', { phone, audience }),
    async verifyCode(input: { phone: string; audience: LoginAudience; challengeId: string; code: string }) {
      auth.signIn(await api.post<AuthTokens>('/auth/otp/verify', input));
    },
    async loginWithPassword(email: string, password: string) {
      auth.signIn(await api.post<AuthTokens>('/auth/password', { email, password }));
    },
    /** Ends the session on the server (every gateway at once), then forgets it here whatever happened. */
    async logout() {
      try {
        if (auth.session()) await api.post('/auth/logout', undefined);
      } finally {
        auth.clear();
      }
    },
    /** The development SMS inbox; null when it does not exist (real SMS gateway, production, distributed). */
    async lastDevSms(phone: string): Promise<DevSms | null> {
      try {
        return await api.get<DevSms>(`/dev/sms?phone=${encodeURIComponent(phone)}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
export type AuthApi = ReturnType<typeof createAuthApi>;
