// PM2 ecosystem for distributed mode: the gateway and each service as separate processes over the
// PostgreSQL, RabbitMQ and Redis named by DATABASE_URL, RABBITMQ_URL and REDIS_URL (see cluster.env.example).
const required = ['DATABASE_URL', 'RABBITMQ_URL', 'REDIS_URL', 'JWT_SECRET'];
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
const bookingPorts = (process.env.BOOKING_PORTS ?? '4401,4402').split(',');

const node = (name, script, env) => ({
  name,
  script,
  cwd: `${__dirname}/..`,
  interpreter: 'node',
  interpreter_args: '--import tsx',
  env: { ...shared, ...env },
  kill_timeout: 15000,
  max_restarts: 20,
  exp_backoff_restart_delay: 200,
});

module.exports = {
  apps: [
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
    ...bookingPorts.map((port, index) =>
      node(`booking-${index + 1}`, 'services/booking/src/main.ts', { PORT: port, HOST: '127.0.0.1' }),
    ),
    node('gateway', 'apps/gateway/src/main.ts', {
      PORT: process.env.PORT ?? '3000',
      HOST: process.env.HOST ?? '0.0.0.0',
      CATALOG_URLS: catalogPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      LOCATIONS_URLS: locationsPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      IDENTITY_URLS: identityPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
      BOOKING_URLS: bookingPorts.map((port) => `http://127.0.0.1:${port}`).join(','),
    }),
  ],
};
