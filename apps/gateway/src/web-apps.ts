import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError, contentSecurityPolicyWith, type PolicySources } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';

/** `hasPush`: the app registers for push, through Firebase Messaging when it was built with its settings. */
export const webApps = [
  { name: 'user-web', prefix: '/', takesPayments: true, hasPush: true },
  { name: 'partner-web', prefix: '/partner/', takesPayments: false, hasPush: true },
  { name: 'admin-web', prefix: '/admin/', takesPayments: false, hasPush: false },
] as const;

/**
 * What Razorpay's Standard Checkout needs of the page that opens it: its script (which loads a risk-detection
 * script from the CDN), the checkout frames, its logging endpoints and images. Hosts from Razorpay's own CSP
 * allow-list (razorpay/razorpay-magento etc/csp_whitelist.xml) and its checkout.js integration guide.
 */
const razorpayCheckout = {
  scriptSrc: ['https://checkout.razorpay.com', 'https://cdn.razorpay.com'],
  frameSrc: ['https://api.razorpay.com', 'https://checkout.razorpay.com'],
  connectSrc: ['https://lumberjack.razorpay.com', 'https://lumberjack-metrics.razorpay.com'],
  imgSrc: ['https://cdn.razorpay.com'],
} satisfies PolicySources;

/** Where Firebase Messaging's `getToken` goes from the page: the installation, then the FCM registration. */
export const firebaseMessagingHosts = [
  'https://firebaseinstallations.googleapis.com',
  'https://fcmregistrations.googleapis.com',
];

export const razorpayCheckoutPolicy = contentSecurityPolicyWith(razorpayCheckout);

/** The sources an app's pages add to the platform's policy: none for the admin console. */
function policySourcesOf(web: (typeof webApps)[number], checkoutJs: boolean): PolicySources | null {
  const opensCheckout = web.takesPayments && checkoutJs;
  if (!opensCheckout && !web.hasPush) return null;
  return {
    ...(opensCheckout ? razorpayCheckout : {}),
    connectSrc: [
      ...(opensCheckout ? razorpayCheckout.connectSrc : []),
      ...(web.hasPush ? firebaseMessagingHosts : []),
    ],
  };
}

/**
 * Serves each built app (`apps/<name>/dist`) at its prefix; any other path under a prefix that does not
 * name a file gets the app's index.html, so every screen's URL (`/admin/bookings/<id>`) survives a reload
 * or a shared link. Apps not built yet are skipped with a warning. The apps with push may reach Firebase
 * Messaging; with `checkoutJs` (real Razorpay), the app that takes payments is served under a policy that lets
 * checkout.js in too; every other answer keeps the platform's.
 */
export async function useWebApps(
  app: FastifyInstance,
  webDir: string,
  options: { checkoutJs?: boolean } = {},
): Promise<string[]> {
  const served: string[] = [];
  for (const web of webApps) {
    const root = path.resolve(webDir, web.name, 'dist');
    if (!existsSync(path.join(root, 'index.html'))) {
      app.log.warn({ app: web.name, root }, 'web app not built; run npm run build:web');
      continue;
    }
    const sources = policySourcesOf(web, options.checkoutJs ?? false);
    const policy = sources ? contentSecurityPolicyWith(sources) : null;
    // a scope of its own: its policy hook and reply.sendFile reach only its own routes
    await app.register(async (scope) => {
      if (policy)
        scope.addHook('onSend', async (_request, reply) => {
          reply.header('content-security-policy', policy);
        });
      await scope.register(fastifyStatic, {
        root,
        prefix: web.prefix,
        wildcard: false,
        index: ['index.html'],
      });
      scope.get(`${web.prefix}*`, { schema: { hide: true } }, (request, reply) => {
        const pathname = request.url.split('?')[0] ?? '';
        // an API path, or a file that is not there (an old build's chunk): a 404, never the page instead
        if (/^\/(api|ws|docs)(\/|$)/.test(pathname) || /\.[a-z0-9]+$/i.test(pathname))
          throw new AppError('REQUEST.NOT_FOUND', `${request.method} ${pathname} does not exist`);
        return reply
          .header('cache-control', 'no-cache')
          .sendFile('index.html', root, { cacheControl: false });
      });
    });
    if (web.prefix !== '/') {
      // `/admin` is the app too: its relative URLs need the trailing slash
      app.get(web.prefix.slice(0, -1), { schema: { hide: true } }, (_request, reply) =>
        reply.redirect(web.prefix, 301),
      );
    }
    served.push(web.name);
  }
  return served;
}
