// PM2 ecosystem for distributed mode: the gateway and each service as separate processes over the
// PostgreSQL, RabbitMQ and Redis named by DATABASE_URL, RABBITMQ_URL and REDIS_URL (see cluster.env.example).
const required = [
  'DATABASE_URL',
  'RABBITMQ_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'RAZORPAY_KEY_ID',
  'RAZORPAY_KEY_SECRET',
  'RAZORPAY_WEBHOOK_SECRET',
];
const missing = required.filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.error(`start:cluster needs ${missing.join(', ')} (see deploy/cluster.env.example)`);
  process.exit(1);
}

const shared = {
  DATABASE_URL: process.env.DATABASE_URL,
  RABBITMQ_URL: process.env.RABBITMQ_URL,
  REDIS_URL: process.env.REDIS_URL,
  JWT_SECRET: process.env.JWT_SECRET,
  NAMESPACE: process.env.NAMESPACE ?? 'zefy',
  NODE_ENV: process.env.NODE_ENV ?? 'production',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};
const catalogPorts = (process.env.CATALOG_PORTS ?? '4101,4102').split(',');
const locationsPorts = (process.env.LOCATIONS_PORTS ?? '4301,4302').split(',');
const identityPorts = (process.env.IDENTITY_PORTS ?? '4201,4202').split(',');
// identity's own variables, passed only when set (empty ones would fail its validation)
const identityEnv = Object.fromEntries(
  [
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'TWILIO_ACCOUNT_SID',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_FROM',
    'TWILIO_MESSAGING_SERVICE_SID',
  ]
    .filter((name) => process.env[name])
    .map((name) => [name, process.env[name]]),
);
const paymentsPorts = (process.env.PAYMENTS_PORTS ?? '4111,4112').split(',');
const gatewayPort = process.env.PORT ?? '3000';
// without RAZORPAY_BASE_URL the cluster pays through a Razorpay simulator process with the same keys
const razorpaySimPort = process.env.RAZORPAY_SIM_PORT ?? '4180';
const isRazorpaySimulated = !process.env.RAZORPAY_BASE_URL;
const razorpay = {
  RAZORPAY_BASE_URL: process.env.RAZORPAY_BASE_URL ?? `http://127.0.0.1:${razorpaySimPort}`,
  RAZORPAY_KEY_ID: process.env.RAZORPAY_KEY_ID,
  RAZORPAY_KEY_SECRET: process.env.RAZORPAY_KEY_SECRET,
  RAZORPAY_WEBHOOK_SECRET: process.env.RAZORPAY_WEBHOOK_SECRET,
  ...(process.env.RAZORPAY_WEBHOOK_SECRET_PREVIOUS
    ? { RAZORPAY_WEBHOOK_SECRET_PREVIOUS: process.env.RAZORPAY_WEBHOOK_SECRET_PREVIOUS }
    : {}),
  ...(process.env.RAZORPAY_CHECKOUT_URL ? { RAZORPAY_CHECKOUT_URL: process.env.RAZORPAY_CHECKOUT_URL } : {}),
};
const bookingPorts = (process.env.BOOKING_PORTS ?? '4401,4402').split(',');
// without Firebase credentials or FCM_BASE_URL the cluster pushes to an FCM simulator process
const fcmSimPort = process.env.FCM_SIM_PORT ?? '4190';
const isFcmSimulated = !(
  process.env.FCM_BASE_URL ||
  process.env.FCM_SERVICE_ACCOUNT_JSON ||
  process.env.GOOGLE_APPLICATION_CREDENTIALS
);
const fcmSim = isFcmSimulated ? { FCM_BASE_URL: `http://127.0.0.1:${fcmSimPort}` } : {};

const node = (name, script, env) => ({
  name,
  script,
  cwd: `${__dirname}/..`,
  interpreter: 'node',
  // a young generation of 64 MB a semi-space: far fewer scavenges under load (see README, Benchmarks)
  interpreter_args: '--max-semi-space-size=64 --import tsx',
  env: { ...shared, ...env },
  kill_timeout: 15000,
  max_restarts: 20,
  exp_backoff_restart_delay: 200,
});

module.exports = {
  apps: [
    ...(isRazorpaySimulated
      ? [
          node('razorpay-sim', 'apps/stand-ins/src/razorpay/main.ts', {
            PORT: razorpaySimPort,
            HOST: '127.0.0.1',
            RAZORPAY_SIM_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/api/v1/payments/webhooks/razorpay`,
            ...razorpay,
          }),
        ]
      : []),
    ...(isFcmSimulated
      ? [
          node('fcm-sim', 'apps/stand-ins/src/fcm/main.ts', {
            FCM_SIM_PORT: fcmSimPort,
            FCM_SIM_HOST: '127.0.0.1',
          }),
        ]
      : []),
    ...catalogPorts.map((port, index) =>
      node(`catalog-${index + 1}`, 'services/catalog/src/main.ts', { PORT: port, HOST: '127.0.0.1' }),
    ),
    ...locationsPorts.map((port, index) =>
      node(`locations-${index + 1}`, 'services/locations/src/main.ts', { PORT: port, HOST: '127.0.0.1' }),
    ),
    ...identityPorts.map((port, index) =>
      node(`identity-${index + 1}`, 'services/identity/src/main.ts', {
        ...identityEnv,
        PORT: port,
        HOST: '127.0.0.1',
      }),
    ),
    ...paymentsPorts.map((port, index) =>
      node(`payments-${index + 1}`, 'services/payments/src/main.ts', {
        PORT: port,
        HOST: '127.0.0.1',
        ...razorpay,
      }),
    ),
    ...bookingPorts.map((port, index) =>
      node(`booking-${index + 1}`, 'services/booking/src/main.ts', { PORT: port, HOST: '127.0.0.1' }),
    ),
    node('gateway', 'apps/gateway/src/main.ts', {
      PORT: gatewayPort,
      HOST: process.env.HOST ?? '0.0.0.0',
      CATALOG_URLS: catalogPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      LOCATIONS_URLS: locationsPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      IDENTITY_URLS: identityPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      PAYMENTS_URLS: paymentsPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      BOOKING_URLS: bookingPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      ...fcmSim,
    }),
  ],
};
