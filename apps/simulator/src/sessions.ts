import { randomInt, randomUUID } from 'node:crypto';
import type { AuthTokens, OtpChallenge, Role } from '@zefy/contracts';
import { type ApiClient, ApiError, sleep, type TokenSource } from './http.ts';

/** How the simulated people get signed in. */
export interface Sessions {
  admin(): Promise<string>;
  /** A signed-in customer (a new one, or one of a pool when logins are scarce). */
  customer(): Promise<{ id: string; token: string }>;
  /** The partner's token source, signing in on first use and again before the access token runs out. */
  partner(partner: { id: string; phone: string }): TokenSource;
}

/** Access tokens last 15 minutes: sign in again after 10. */
const renewAfterMs = 10 * 60_000;

function renewing(signIn: () => Promise<AuthTokens>, refresh?: (tokens: AuthTokens) => Promise<AuthTokens>) {
  let current: { tokens: AuthTokens; at: number } | undefined;
  let pending: Promise<string> | undefined;
  return (): Promise<string> => {
    if (current && Date.now() - current.at < renewAfterMs) return Promise.resolve(current.tokens.accessToken);
    pending ??= (async () => {
      const tokens = current && refresh ? await refresh(current.tokens) : await signIn();
      current = { tokens, at: Date.now() };
      pending = undefined;
      return tokens.accessToken;
    })();
    return pending;
  };
}

/**
 * Sessions opened directly on identity's session store, as after a login: only for a platform this process
 * runs itself (the simulator's own embedded platform, the gateway's demo crew, tests). Nothing on the network
 * offers it, so it cannot exist in a production deployment.
 */
export function inProcessSessions(
  open: (principal: { id: string; role: Role }) => Promise<AuthTokens>,
): Sessions {
  return {
    admin: async () => (await open({ id: randomUUID(), role: 'admin' })).accessToken,
    customer: async () => {
      const id = randomUUID();
      return { id, token: (await open({ id, role: 'customer' })).accessToken };
    },
    partner: (partner) => renewing(() => open({ id: partner.id, role: 'partner' })),
  };
}

/** A random Indian mobile number (+91, 10 digits starting 9). */
export const randomPhone = (): string => `+919${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;

/**
 * Logins through the public API of a running gateway: staff by password, customers and partners by phone
 * with the code from the development SMS inbox (`GET /api/v1/dev/sms`, served only outside production).
 * Identity limits codes per phone and per client address; a refused send waits as long as it is told to,
 * so a big crew signs in slowly. Customers come from a small pool, each booking several times.
 */
export function gatewaySessions(
  api: ApiClient,
  staff: { email: string; password: string },
  options: { customerPool: number },
): Sessions {
  async function phoneLogin(phone: string, audience: 'customer' | 'partner'): Promise<AuthTokens> {
    for (;;) {
      const sent = await api.call('/api/v1/auth/otp', null, { json: { phone, audience } });
      if (sent.status === 429) {
        await sleep(Number(sent.headers.get('retry-after') ?? '30') * 1000);
        continue;
      }
      if (sent.status !== 202) throw new ApiError(sent.status, undefined, `OTP send: ${await sent.text()}`);
      const challenge = (await sent.json()) as OtpChallenge;
      // the SMS goes out just after the answer
      let inbox: { code: string } | undefined;
      for (let attempt = 0; !inbox; attempt++) {
        inbox = await api
          .json<{ code: string }>(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`, null)
          .catch((error: unknown) => {
            if (attempt >= 20) throw error;
            return sleep(100).then(() => undefined);
          });
      }
      return api.json<AuthTokens>('/api/v1/auth/otp/verify', null, {
        json: { phone, audience, challengeId: challenge.challengeId, code: inbox.code },
      });
    }
  }
  const refresh = (tokens: AuthTokens) =>
    api.json<AuthTokens>('/api/v1/auth/refresh', null, { json: { refreshToken: tokens.refreshToken } });
  const admin = renewing(() => api.json<AuthTokens>('/api/v1/auth/password', null, { json: staff }), refresh);
  const pool: Array<Promise<{ id: string; token: TokenSource }>> = [];
  let next = 0;
  return {
    admin,
    async customer() {
      if (pool.length < options.customerPool)
        pool.push(
          (async () => {
            const token = renewing(() => phoneLogin(randomPhone(), 'customer'), refresh);
            const me = await api.json<{ id: string }>('/api/v1/me', await token());
            return { id: me.id, token };
          })(),
        );
      const chosen = await (pool[next++ % pool.length] as Promise<{ id: string; token: TokenSource }>);
      return { id: chosen.id, token: await chosen.token() };
    },
    partner: (partner) => renewing(() => phoneLogin(partner.phone, 'partner'), refresh),
  };
}
