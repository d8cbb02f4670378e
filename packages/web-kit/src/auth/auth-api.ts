import { devSmsRoute, identityRoutes, type LoginAudience, type OtpVerification } from '@zefy/contracts';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { AuthStore } from './auth-store.ts';

/** The identity service's login calls, shared by the three apps. */
export function createAuthApi(
  api: ApiClient,
  auth: AuthStore,
  options: { beforeLogout?: () => Promise<void> } = {},
) {
  return {
    requestCode: (phone: string, audience: LoginAudience) =>
      api.call(identityRoutes.requestOtp, { body: { phone, audience } }),
    async verifyCode(input: OtpVerification) {
      auth.signIn(await api.call(identityRoutes.verifyOtp, { body: input }));
    },
    async loginWithPassword(email: string, password: string) {
      auth.signIn(await api.call(identityRoutes.loginWithPassword, { body: { email, password } }));
    },
    /**
     * Runs `beforeLogout` while the session still works (unregistering push: a failure must not keep anyone
     * signed in), ends the session on the server (every gateway at once), then forgets it here whatever happened.
     */
    async logout() {
      try {
        if (!auth.session()) return;
        await options.beforeLogout?.().catch(() => undefined);
        await api.call(identityRoutes.logout);
      } finally {
        auth.clear();
      }
    },
    /** The development SMS inbox; null when it does not exist (real SMS gateway, production, distributed). */
    async lastDevSms(phone: string) {
      try {
        return await api.call(devSmsRoute, { query: { phone } });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
export type AuthApi = ReturnType<typeof createAuthApi>;
