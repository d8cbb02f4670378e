import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createHttpApp,
  createLogger,
  createMemoryCache,
  createSessionRegistry,
  createTokenService,
} from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firebaseMessagingHosts, razorpayCheckoutPolicy, useWebApps, webApps } from './web-apps.ts';

let app: FastifyInstance;
/** The same apps for a platform on real Razorpay: the user app opens checkout.js. */
let checkoutJsApp: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'zefy-web-'));
  for (const web of webApps) {
    await mkdir(path.join(webDir, web.name, 'dist', 'assets'), { recursive: true });
    await writeFile(path.join(webDir, web.name, 'dist', 'index.html'), `<title>${web.name}</title>`);
    await writeFile(path.join(webDir, web.name, 'dist', 'assets', 'main.js'), `// ${web.name}`);
  }
  const tokens = createTokenService(
    'a-test-secret-that-is-long-enough-1234',
    createSessionRegistry(createMemoryCache()),
  );
  app = createHttpApp({ logger: createLogger({ level: 'silent' }), tokens });
  await useWebApps(app, webDir);
  checkoutJsApp = createHttpApp({ logger: createLogger({ level: 'silent' }), tokens });
  await useWebApps(checkoutJsApp, webDir, { checkoutJs: true });
});

afterAll(async () => {
  await app?.close();
  await checkoutJsApp?.close();
  await rm(webDir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('web apps behind the gateway', () => {
  it.each([
    ['/', 'user-web'],
    ['/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f', 'user-web'],
    ['/partner/', 'partner-web'],
    ['/partner/jobs/today?tab=next', 'partner-web'],
    ['/admin/', 'admin-web'],
    ['/admin/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f', 'admin-web'],
  ])('answers the deep link %s with the page of %s, not to be cached', async (url, name) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(`<title>${name}</title>`);
    if (url !== '/' && !url.endsWith('/')) expect(response.headers['cache-control']).toBe('no-cache');
  });

  it("serves each app's own files at its prefix", async () => {
    expect((await get('/admin/assets/main.js')).body).toBe('// admin-web');
    expect((await get('/partner/assets/main.js')).body).toBe('// partner-web');
  });

  it('answers a file that is not there, or an API path, with a 404 problem instead of a page', async () => {
    for (const url of ['/admin/assets/gone-1234.js', '/assets/gone.css', '/api/v1/nothing-here']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('sends /admin and /partner to the app with its trailing slash', async () => {
    const response = await get('/admin');
    expect([response.statusCode, response.headers.location]).toEqual([301, '/admin/']);
    expect((await get('/partner')).headers.location).toBe('/partner/');
  });
});

/** The directive `name` of a response's content security policy, as its list of sources. */
function policyDirective(policy: string, name: string): string[] | undefined {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found?.slice(1);
}

const directive = (response: { headers: Record<string, unknown> }, name: string) =>
  policyDirective(String(response.headers['content-security-policy']), name);

describe('the content security policy of the apps', () => {
  it('keeps every app to its own origin for scripts and frames while payments use the simulator page', async () => {
    for (const url of ['/', '/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f', '/partner/', '/admin/']) {
      const response = await get(url);
      expect(directive(response, 'script-src'), url).toEqual(["'self'"]);
      expect(directive(response, 'frame-src'), url).toBeUndefined();
      expect(directive(response, 'default-src'), url).toEqual(["'self'"]);
    }
  });

  it('lets the user and partner apps reach Firebase Messaging for their push token, not the admin console', async () => {
    for (const url of [
      '/',
      '/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f',
      '/partner/',
      '/partner/assets/main.js',
    ])
      expect(directive(await get(url), 'connect-src'), url).toEqual([
        "'self'",
        'ws:',
        'wss:',
        ...firebaseMessagingHosts,
      ]);
    expect(directive(await get('/admin/'), 'connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('lets Razorpay checkout.js into the user app, and only there, when payments open it', async () => {
    for (const url of ['/', '/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f', '/assets/main.js']) {
      const response = await checkoutJsApp.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(directive(response, 'script-src'), url).toEqual([
        "'self'",
        'https://checkout.razorpay.com',
        'https://cdn.razorpay.com',
      ]);
      expect(directive(response, 'frame-src'), url).toEqual([
        "'self'",
        'https://api.razorpay.com',
        'https://checkout.razorpay.com',
      ]);
      expect(directive(response, 'connect-src'), url).toEqual([
        "'self'",
        'ws:',
        'wss:',
        'https://lumberjack.razorpay.com',
        'https://lumberjack-metrics.razorpay.com',
        ...firebaseMessagingHosts,
      ]);
      expect(directive(response, 'default-src'), url).toEqual(["'self'"]);
      expect(directive(response, 'object-src'), url).toEqual(["'none'"]);
    }
    for (const url of [
      '/partner/',
      '/admin/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f',
      '/admin/assets/main.js',
    ]) {
      const response = await checkoutJsApp.inject({ method: 'GET', url });
      expect(directive(response, 'script-src'), url).toEqual(["'self'"]);
      expect(directive(response, 'frame-src'), url).toBeUndefined();
    }
  });
});

describe('the apps on a static host of their own (deploy/cloudflare-pages)', () => {
  const hostFile = (app: string, file: string) =>
    readFile(new URL(`../../../deploy/cloudflare-pages/${app}/${file}`, import.meta.url), 'utf8');
  const policyOf = async (app: string) =>
    /Content-Security-Policy: (.+)/.exec(await hostFile(app, '_headers'))?.[1] ?? '';

  it.each(webApps.map((web) => web.name))(
    '%s routes every path to the app and connects only to the gateway',
    async (name) => {
      expect(await hostFile(name, '_redirects')).toMatch(/^\/\* \/index\.html 200$/m);
      const policy = await policyOf(name);
      expect(policyDirective(policy, 'connect-src')).toEqual(
        expect.arrayContaining(["'self'", '{{API_ORIGIN}}', '{{WS_ORIGIN}}']),
      );
      expect(policyDirective(policy, 'worker-src')).toEqual(["'self'"]);
      expect(policyDirective(policy, 'object-src')).toEqual(["'none'"]);
      expect(policyDirective(policy, 'frame-ancestors')).toEqual(["'none'"]);
    },
  );

  it("lets checkout.js into the user app with the hosts the gateway's policy names, and nowhere else", async () => {
    const userPolicy = await policyOf('user-web');
    for (const name of ['script-src', 'frame-src'])
      expect(policyDirective(userPolicy, name)).toEqual(policyDirective(razorpayCheckoutPolicy, name));
    expect(policyDirective(userPolicy, 'connect-src')).toEqual(
      expect.arrayContaining(policyDirective(razorpayCheckoutPolicy, 'connect-src')?.slice(3) ?? ['missing']),
    );
    for (const name of ['partner-web', 'admin-web'])
      expect(policyDirective(await policyOf(name), 'script-src')).toEqual(["'self'"]);
  });

  it('lets the user and partner apps reach Firebase Messaging, as the gateway does', async () => {
    for (const web of webApps)
      expect(policyDirective(await policyOf(web.name), 'connect-src')?.slice(3), web.name).toEqual(
        expect.arrayContaining(web.hasPush ? firebaseMessagingHosts : []),
      );
    expect(await policyOf('admin-web')).not.toContain('googleapis');
  });
});
