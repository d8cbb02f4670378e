import { randomUUID } from 'node:crypto';
import type { AuditPage, AuthTokens, Customer, OtpChallenge, Partner, SessionInfo } from '@zefy/contracts';
import { seedIdentity } from '@zefy/identity';
import type { Database, ServiceContext } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { devCode, loginByOtp, randomPhone, requestCode, verifyCode } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

const admin = { email: 'ops-lead@zefy.test', password: `pw-${randomUUID()}` };
let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
let identityDb: Database;

beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, RATE_LIMIT_PER_MINUTE: '100000' },
  });
  api = apiAt(zefy.baseUrl);
  const identity = zefy.platform.services.find((service) => service.module.name === 'identity');
  identityDb = identity?.context.db as Database;
});
afterAll(async () => {
  await zefy?.stop();
});

const json = async <T>(response: Response, status: number): Promise<T> => {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
};

const outboxEvents = async (type: string) =>
  (
    await identityDb.pool.query<{ envelope: { data: Record<string, unknown>; actor: unknown } }>(
      'SELECT envelope FROM outbox WHERE type = $1 ORDER BY created_at',
      [type],
    )
  ).rows.map((row) => row.envelope);

const newPartner = (phone = randomPhone()) => ({
  name: 'Meena Iyer',
  phone,
  photoUrl: 'https://images.zefy.test/meena.jpg',
  skills: [randomUUID(), randomUUID()],
  hubId: randomUUID(),
});

async function createPartner(body = newPartner()): Promise<Partner> {
  return json<Partner>(
    await api('/api/v1/admin/partners', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: randomUUID(),
      json: body,
    }),
    201,
  );
}

describe('customer login by phone', () => {
  it('signs a new customer up, then logs the same customer in again', async () => {
    const phone = randomPhone();
    const first = await loginByOtp(zefy.baseUrl, phone, 'customer');
    expect(first).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, isNewAccount: true });
    expect(first.principal.role).toBe('customer');

    const me = await json<Customer>(await api('/api/v1/me', { token: first.accessToken }), 200);
    expect(me).toMatchObject({ id: first.principal.id, phone, name: null, email: null });
    const registered = await outboxEvents('identity.customer_registered');
    expect(registered.map((event) => event.data)).toContainEqual({ customerId: me.id, phone });

    expect(first.sessionId).toBeTruthy();
  });

  it('logs an existing customer in as themselves, whatever the formatting of the phone', async () => {
    const customer = { id: randomUUID(), phone: randomPhone(), name: 'Kavya' };
    const identity = zefy.platform.services.find((service) => service.module.name === 'identity');
    await seedIdentity(identity?.context as ServiceContext, { customers: [customer] });
    const typed = `${customer.phone.slice(0, 3)} ${customer.phone.slice(3, 8)}-${customer.phone.slice(8)}`;
    const login = await loginByOtp(zefy.baseUrl, typed, 'customer');
    expect(login.principal).toEqual({ id: customer.id, role: 'customer' });
    expect(login.isNewAccount).toBe(false);
    expect(await json<Customer>(await api('/api/v1/me', { token: login.accessToken }), 200)).toMatchObject({
      name: 'Kavya',
      phone: customer.phone,
    });
  });

  it('lets a customer set their name and email, and refuses malformed ones', async () => {
    const { accessToken } = await loginByOtp(zefy.baseUrl, randomPhone(), 'customer');
    const updated = await json<Customer>(
      await api('/api/v1/me', {
        method: 'PATCH',
        token: accessToken,
        json: { name: '  Asha   Rao ', email: 'Asha.Rao@Example.com' },
      }),
      200,
    );
    expect(updated).toMatchObject({ name: 'Asha Rao', email: 'asha.rao@example.com' });
    const invalid = await api('/api/v1/me', { method: 'PATCH', token: accessToken, json: { email: 'nope' } });
    expect(invalid.status).toBe(400);
    const empty = await api('/api/v1/me', { method: 'PATCH', token: accessToken, json: {} });
    expect(empty.status).toBe(400);
    const cleared = await json<Customer>(
      await api('/api/v1/me', { method: 'PATCH', token: accessToken, json: { email: null } }),
      200,
    );
    expect(cleared).toMatchObject({ name: 'Asha Rao', email: null });
  });

  it('refuses a phone number that is not E.164, saying what is wrong', async () => {
    const response = await api('/api/v1/auth/otp', {
      method: 'POST',
      json: { phone: '98765 43210', audience: 'customer' },
    });
    expect(await json(response, 400)).toMatchObject({
      code: 'IDENTITY.PHONE_INVALID',
      detail: expect.stringContaining('country code'),
      errors: [{ field: 'body.phone', message: expect.any(String) }],
    });
  });

  it('refuses the sixth entry even with the right code, after five wrong ones', async () => {
    const phone = randomPhone();
    const challenge = await requestCode(zefy.baseUrl, phone, 'customer');
    const code = await devCode(zefy.baseUrl, phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const details: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await verifyCode(zefy.baseUrl, {
        phone,
        audience: 'customer',
        challengeId: challenge.challengeId,
        code: wrong,
      });
      const problem = await json<{ code: string; detail: string }>(response, 401);
      expect(problem.code).toBe('IDENTITY.OTP_INCORRECT');
      details.push(problem.detail);
    }
    expect(details).toEqual([
      '4 attempts left',
      '3 attempts left',
      '2 attempts left',
      '1 attempt left',
      'No attempts left; request a new code',
    ]);
    const sixth = await verifyCode(zefy.baseUrl, {
      phone,
      audience: 'customer',
      challengeId: challenge.challengeId,
      code,
    });
    expect(await json(sixth, 429)).toMatchObject({ code: 'IDENTITY.OTP_ATTEMPTS_EXCEEDED' });
  });

  it('accepts a code once, and only for the challenge that sent it', async () => {
    const phone = randomPhone();
    const challenge = await requestCode(zefy.baseUrl, phone, 'customer');
    const code = await devCode(zefy.baseUrl, phone);
    const otherChallenge = await verifyCode(zefy.baseUrl, {
      phone,
      audience: 'customer',
      challengeId: randomUUID(),
      code,
    });
    expect(await json(otherChallenge, 401)).toMatchObject({ code: 'IDENTITY.OTP_EXPIRED' });
    const asPartner = await verifyCode(zefy.baseUrl, {
      phone,
      audience: 'partner',
      challengeId: challenge.challengeId,
      code,
    });
    expect(await json(asPartner, 401)).toMatchObject({ code: 'IDENTITY.OTP_EXPIRED' });

    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        verifyCode(zefy.baseUrl, { phone, audience: 'customer', challengeId: challenge.challengeId, code }),
      ),
    );
    expect(attempts.map((response) => response.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('holds a resend cooldown per phone and answers 429 with Retry-After', async () => {
    const phone = randomPhone();
    await requestCode(zefy.baseUrl, phone, 'customer');
    const again = await api('/api/v1/auth/otp', { method: 'POST', json: { phone, audience: 'customer' } });
    expect(await json(again, 429)).toMatchObject({ code: 'IDENTITY.RATE_LIMITED' });
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(30);
  });
});

describe('sessions', () => {
  it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
    const login = await loginByOtp(zefy.baseUrl, randomPhone(), 'customer');
    const rotated = await json<AuthTokens>(
      await api('/api/v1/auth/refresh', { method: 'POST', json: { refreshToken: login.refreshToken } }),
      200,
    );
    expect(rotated.sessionId).toBe(login.sessionId);
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    expect(rotated.refreshExpiresAt).toBe(login.refreshExpiresAt);
    expect((await api('/api/v1/me', { token: rotated.accessToken })).status).toBe(200);

    const reuse = await api('/api/v1/auth/refresh', {
      method: 'POST',
      json: { refreshToken: login.refreshToken },
    });
    expect(await json(reuse, 401)).toMatchObject({ code: 'IDENTITY.REFRESH_REUSED' });
    const afterReuse = await api('/api/v1/auth/refresh', {
      method: 'POST',
      json: { refreshToken: rotated.refreshToken },
    });
    expect(await json(afterReuse, 401)).toMatchObject({ code: 'IDENTITY.REFRESH_INVALID' });
    for (const token of [login.accessToken, rotated.accessToken]) {
      expect(await json(await api('/api/v1/me', { token }), 401)).toMatchObject({
        code: 'AUTH.UNAUTHENTICATED',
      });
    }
  });

  it('refuses forged and malformed refresh tokens without signing the session out', async () => {
    const login = await zefy.signIn('customer');
    const forged = `${login.sessionId}.${'x'.repeat(43)}`;
    for (const refreshToken of [forged, 'garbage', `${randomUUID()}.${'y'.repeat(43)}`]) {
      const response = await api('/api/v1/auth/refresh', { method: 'POST', json: { refreshToken } });
      expect(await json(response, 401)).toMatchObject({ code: 'IDENTITY.REFRESH_INVALID' });
    }
    expect((await api('/api/v1/me/sessions', { token: login.accessToken })).status).toBe(200);
  });

  it('logs out at once, and closes the session’s open WebSocket', async () => {
    const login = await zefy.signIn('customer');
    const socket = await connectWebSocket(zefy.baseUrl, login.accessToken);
    const closed = new Promise<number>((resolve) => socket.raw.once('close', (code) => resolve(code)));
    expect((await api('/api/v1/auth/logout', { method: 'POST', token: login.accessToken })).status).toBe(204);
    expect(await closed).toBe(4401);
    expect((await api('/api/v1/me/sessions', { token: login.accessToken })).status).toBe(401);
    await expect(connectWebSocket(zefy.baseUrl, login.accessToken)).rejects.toThrow(/401/);
    const refresh = await api('/api/v1/auth/refresh', {
      method: 'POST',
      json: { refreshToken: login.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('lists the caller’s sessions and signs one out, but never someone else’s', async () => {
    const accountId = randomUUID();
    const phone = await zefy.signIn('partner', accountId);
    const laptop = await zefy.signIn('partner', accountId);
    const listed = await json<{ items: SessionInfo[] }>(
      await api('/api/v1/me/sessions', { token: phone.accessToken }),
      200,
    );
    expect(listed.items.map((session) => [session.id, session.isCurrent]).sort()).toEqual(
      [
        [phone.sessionId, true],
        [laptop.sessionId, false],
      ].sort(),
    );
    const stranger = await zefy.signIn('partner');
    const notYours = await api(`/api/v1/me/sessions/${laptop.sessionId}`, {
      method: 'DELETE',
      token: stranger.accessToken,
    });
    expect(await json(notYours, 404)).toMatchObject({ code: 'IDENTITY.SESSION_NOT_FOUND' });
    expect(
      (await api(`/api/v1/me/sessions/${laptop.sessionId}`, { method: 'DELETE', token: phone.accessToken }))
        .status,
    ).toBe(204);
    expect((await api('/api/v1/me/sessions', { token: laptop.accessToken })).status).toBe(401);
    expect((await api('/api/v1/me/sessions', { token: phone.accessToken })).status).toBe(200);
  });

  it('lets an admin sign an account out everywhere, audited', async () => {
    const accountId = randomUUID();
    const sessions = [await zefy.signIn('customer', accountId), await zefy.signIn('customer', accountId)];
    const revoked = await json<{ revoked: number }>(
      await api(`/api/v1/admin/accounts/${accountId}/sessions`, { method: 'DELETE', token: zefy.adminToken }),
      200,
    );
    expect(revoked).toEqual({ revoked: 2 });
    for (const session of sessions)
      expect((await api('/api/v1/me/sessions', { token: session.accessToken })).status).toBe(401);
    const audit = await json<AuditPage>(
      await api(`/api/v1/admin/audit?resourceId=${accountId}`, { token: zefy.adminToken }),
      200,
    );
    expect(audit.items).toMatchObject([
      { action: 'sessions.revoked', resourceType: 'account', after: { liveSessions: 0 } },
    ]);
  });
});

describe('staff login', () => {
  it('logs the configured first admin in by email and password, case-insensitively', async () => {
    const login = await json<AuthTokens>(
      await api('/api/v1/auth/password', {
        method: 'POST',
        json: { email: admin.email.toUpperCase(), password: admin.password },
      }),
      200,
    );
    expect(login.principal.role).toBe('admin');
    expect((await api('/api/v1/admin/partners', { token: login.accessToken })).status).toBe(200);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    for (const credentials of [
      { email: admin.email, password: 'not-the-password' },
      { email: 'nobody@zefy.test', password: admin.password },
    ]) {
      const response = await api('/api/v1/auth/password', { method: 'POST', json: credentials });
      expect(await json(response, 401)).toMatchObject({ code: 'IDENTITY.CREDENTIALS_INVALID' });
    }
  });

  it('lets an admin sign in from their own address while another address is locked out for failing', async () => {
    const attempt = (remoteAddress: string, password: string, headers: Record<string, string> = {}) =>
      zefy.platform.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        remoteAddress,
        headers,
        payload: { email: admin.email, password },
      });
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let failure = 0; failure < 12; failure += 1) {
      statuses.push((await attempt(attacker, 'not-the-password')).statusCode);
    }
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const locked = await attempt(attacker, admin.password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // X-Forwarded-For is believed only from configured proxies, so the attacker cannot borrow an address
    expect((await attempt(attacker, admin.password, { 'x-forwarded-for': '198.51.100.20' })).statusCode).toBe(
      429,
    );

    const signedIn = await attempt('198.51.100.20', admin.password);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json<AuthTokens>().principal.role).toBe('admin');
  });
});

describe('partners', () => {
  it('lets only approved partners log in, and ends their sessions when suspended', async () => {
    const phone = randomPhone();
    const partner = await createPartner(newPartner(phone));
    expect(partner.status).toBe('pending');

    const pendingChallenge = await requestCode(zefy.baseUrl, phone, 'partner');
    const pending = await verifyCode(zefy.baseUrl, {
      phone,
      audience: 'partner',
      challengeId: pendingChallenge.challengeId,
      code: await devCode(zefy.baseUrl, phone),
    });
    expect(await json(pending, 403)).toMatchObject({
      code: 'IDENTITY.PARTNER_NOT_APPROVED',
      detail: expect.stringContaining('waiting for approval'),
    });

    await json<Partner>(
      await api(`/api/v1/admin/partners/${partner.id}/approve`, { method: 'POST', token: zefy.adminToken }),
      200,
    );
    // a second code for this phone would wait out the resend cooldown; the login itself is tested below
    const login = await zefy.signIn('partner', partner.id);
    expect(
      await json<Partner>(await api('/api/v1/partner/me', { token: login.accessToken }), 200),
    ).toMatchObject({
      id: partner.id,
      status: 'approved',
    });

    const suspended = await json<Partner>(
      await api(`/api/v1/admin/partners/${partner.id}/suspend`, {
        method: 'POST',
        token: zefy.adminToken,
        json: { reason: 'Missed three jobs' },
      }),
      200,
    );
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'Missed three jobs' });
    expect((await api('/api/v1/partner/me', { token: login.accessToken })).status).toBe(401);

    const updates = (await outboxEvents('identity.partner_updated')).filter(
      (event) => event.data.partnerId === partner.id,
    );
    expect(updates.map((event) => [event.data.status, event.data.changed])).toEqual([
      ['approved', ['status']],
      ['suspended', ['status']],
    ]);
    expect(updates[1]?.data).toMatchObject({
      name: 'Meena Iyer',
      phone,
      hubId: partner.hubId,
      skills: partner.skills,
    });
  });

  it('logs an approved partner in by phone, and refuses a suspended one', async () => {
    const approved = await createPartner();
    await api(`/api/v1/admin/partners/${approved.id}/approve`, { method: 'POST', token: zefy.adminToken });
    const login = await loginByOtp(zefy.baseUrl, approved.phone, 'partner');
    expect(login.principal).toEqual({ id: approved.id, role: 'partner' });
    expect(login.isNewAccount).toBe(false);

    const suspended = await createPartner();
    await api(`/api/v1/admin/partners/${suspended.id}/approve`, { method: 'POST', token: zefy.adminToken });
    await api(`/api/v1/admin/partners/${suspended.id}/suspend`, {
      method: 'POST',
      token: zefy.adminToken,
      json: { reason: 'Documents expired' },
    });
    const refused = await loginByOtp(zefy.baseUrl, suspended.phone, 'partner').catch(
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/403.*IDENTITY\.PARTNER_NOT_APPROVED.*suspended/);
  });

  it('tells the partner app that a number is not a registered partner, and texts it nothing', async () => {
    const known = randomPhone();
    await createPartner(newPartner(known));
    const unknown = randomPhone();
    const request = (phone: string) =>
      api('/api/v1/auth/otp', { method: 'POST', json: { phone, audience: 'partner' } });
    expect(await json<OtpChallenge>(await request(known), 202)).toMatchObject({
      phone: known,
      codeLength: 6,
      resendAfterSeconds: 30,
    });
    expect(await json(await request(unknown), 404)).toMatchObject({
      type: 'https://zefy.dev/problems/identity/partner-not-registered',
      code: 'IDENTITY.PARTNER_NOT_REGISTERED',
    });
    await expect(devCode(zefy.baseUrl, known)).resolves.toMatch(/^\d{6}$/);
    await expect(devCode(zefy.baseUrl, unknown)).rejects.toThrow(/404/);
    // the send limits come first: trying numbers is as slow as asking for codes
    expect(await json(await request(unknown), 429)).toMatchObject({ code: 'IDENTITY.RATE_LIMITED' });
  });

  it('answers a customer phone alike whether or not it has an account', async () => {
    const existing = { id: randomUUID(), phone: randomPhone(), name: 'Farah' };
    const identity = zefy.platform.services.find((service) => service.module.name === 'identity');
    await seedIdentity(identity?.context as ServiceContext, { customers: [existing] });
    const bodies = await Promise.all(
      [existing.phone, randomPhone()].map(async (phone) =>
        json<OtpChallenge>(
          await api('/api/v1/auth/otp', { method: 'POST', json: { phone, audience: 'customer' } }),
          202,
        ),
      ),
    );
    expect(Object.keys(bodies[0] as object).sort()).toEqual(Object.keys(bodies[1] as object).sort());
    expect(bodies.map((body) => [body.codeLength, body.resendAfterSeconds])).toEqual([
      [6, 30],
      [6, 30],
    ]);
  });

  it('creates a partner once per Idempotency-Key, audits every admin change and publishes events', async () => {
    const body = newPartner();
    const key = randomUUID();
    const create = () =>
      api('/api/v1/admin/partners', {
        method: 'POST',
        token: zefy.adminToken,
        idempotencyKey: key,
        json: body,
      });
    const first = await json<Partner>(await create(), 201);
    const replay = await create();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(first);

    const taken = await api('/api/v1/admin/partners', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: randomUUID(),
      json: { ...body, phone: body.phone.replace('+91', '0091') },
    });
    expect(await json(taken, 409)).toMatchObject({ code: 'IDENTITY.PARTNER_PHONE_TAKEN' });

    const skills = [randomUUID()];
    const updated = await json<Partner>(
      await api(`/api/v1/admin/partners/${first.id}`, {
        method: 'PATCH',
        token: zefy.adminToken,
        json: { skills, name: 'Meena  R. Iyer' },
      }),
      200,
    );
    expect(updated).toMatchObject({ skills, name: 'Meena R. Iyer', status: 'pending' });

    const audit = await json<AuditPage>(
      await api(`/api/v1/admin/audit?resourceId=${first.id}`, { token: zefy.adminToken }),
      200,
    );
    expect(audit.items.map((entry) => entry.action)).toEqual(['partner.updated', 'partner.created']);
    expect(audit.items[0]).toMatchObject({
      resourceType: 'partner',
      before: { skills: body.skills, name: 'Meena Iyer' },
      after: { skills, name: 'Meena R. Iyer' },
    });
    expect(audit.items[1]?.before).toBeNull();

    const created = (await outboxEvents('identity.partner_created')).find(
      (event) => event.data.partnerId === first.id,
    );
    expect(created?.data).toEqual({
      partnerId: first.id,
      name: 'Meena Iyer',
      phone: body.phone,
      photoUrl: body.photoUrl,
      skills: body.skills,
      hubId: body.hubId,
      status: 'pending',
    });
    const changed = (await outboxEvents('identity.partner_updated')).find(
      (event) => event.data.partnerId === first.id,
    );
    expect(changed?.data.changed).toEqual(['name', 'skills']);
  });

  it('lets ops read partners and the audit log but change nothing', async () => {
    const partner = await createPartner();
    const ops = await zefy.tokenFor('ops');
    expect((await api(`/api/v1/admin/partners/${partner.id}`, { token: ops })).status).toBe(200);
    expect((await api('/api/v1/admin/audit', { token: ops })).status).toBe(200);
    const approve = await api(`/api/v1/admin/partners/${partner.id}/approve`, { method: 'POST', token: ops });
    expect(await json(approve, 403)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('filters and pages the partner list', async () => {
    const hubId = randomUUID();
    const created: Partner[] = [];
    for (let i = 0; i < 3; i++) created.push(await createPartner({ ...newPartner(), hubId }));
    const first = await json<{ items: Partner[]; nextCursor: string | null }>(
      await api(`/api/v1/admin/partners?hubId=${hubId}&limit=2`, { token: zefy.adminToken }),
      200,
    );
    expect(first.items.map((partner) => partner.id)).toEqual([created[2]?.id, created[1]?.id]);
    const second = await json<{ items: Partner[]; nextCursor: string | null }>(
      await api(`/api/v1/admin/partners?hubId=${hubId}&limit=2&after=${first.nextCursor}`, {
        token: zefy.adminToken,
      }),
      200,
    );
    expect(second).toEqual({ items: [created[0]], nextCursor: null });
    const bySearch = await json<{ items: Partner[] }>(
      await api(
        `/api/v1/admin/partners?search=${encodeURIComponent((created[0] as Partner).phone.slice(-6))}`,
        { token: zefy.adminToken },
      ),
      200,
    );
    expect(bySearch.items.map((partner) => partner.id)).toContain(created[0]?.id);
    const unknown = await api(`/api/v1/admin/partners/${randomUUID()}`, { token: zefy.adminToken });
    expect(await json(unknown, 404)).toMatchObject({ code: 'IDENTITY.PARTNER_NOT_FOUND' });
  });
});
