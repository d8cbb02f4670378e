import { randomInt, randomUUID } from 'node:crypto';
import { type AuthTokens, devSmsRoute, identityRoutes, type Role } from '@zefy/contracts';
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
  const anonymous = api.as(null);
  async function phoneLogin(phone: string, audience: 'customer' | 'partner'): Promise<AuthTokens> {
    for (;;) {
      const challenge = await anonymous
        .call(identityRoutes.requestOtp, { body: { phone, audience } })
        .catch(async (error: unknown) => {
          if (!(error instanceof ApiError && error.status === 429)) throw error;
          await sleep((error.retryAfterSeconds ?? 30) * 1000);
          return null;
        });
      if (!challenge) continue;
      // the SMS goes out just after the answer
      let inbox: { code: string } | undefined;
      for (let attempt = 0; !inbox; attempt++) {
        inbox = await anonymous.call(devSmsRoute, { query: { phone } }).catch((error: unknown) => {
          if (attempt >= 20) throw error;
          return sleep(100).then(() => undefined);
        });
      }
      return anonymous.call(identityRoutes.verifyOtp, {
        body: { phone, audience, challengeId: challenge.challengeId, code: inbox.code },
      });
    }
  }
  const refresh = (tokens: AuthTokens) =>
    anonymous.call(identityRoutes.refresh, { body: { refreshToken: tokens.refreshToken } });
  const admin = renewing(() => anonymous.call(identityRoutes.loginWithPassword, { body: staff }), refresh);
  const pool: Array<Promise<{ id: string; token: TokenSource }>> = [];
  let next = 0;
  return {
    admin,
    async customer() {
      if (pool.length < options.customerPool)
        pool.push(
          (async () => {
            const token = renewing(() => phoneLogin(randomPhone(), 'customer'), refresh);
            const me = await api.as(await token()).call(identityRoutes.getMe);
            return { id: me.id, token };
          })(),
        );
      const chosen = await (pool[next++ % pool.length] as Promise<{ id: string; token: TokenSource }>);
      return { id: chosen.id, token: await chosen.token() };
    },
    partner: (partner) => renewing(() => phoneLogin(partner.phone, 'partner'), refresh),
  };
}
