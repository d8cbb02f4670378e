import { Socket } from 'node:net';

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    const settle = (isUp: boolean) => {
      socket.destroy();
      resolve(isUp);
    };
    socket.setTimeout(1000);
    socket
      .once('connect', () => settle(true))
      .once('error', () => settle(false))
      .once('timeout', () => settle(false));
    socket.connect(port, '127.0.0.1');
  });

/** The distributed suite needs the real servers; without them it fails loudly rather than skipping. */
export default async function requireServices() {
  const missing = [];
  for (const [name, variable] of [
    ['PostgreSQL', 'DATABASE_URL'],
    ['RabbitMQ', 'RABBITMQ_URL'],
    ['Redis', 'REDIS_URL'],
  ] as const) {
    const url = process.env[variable];
    if (!url) {
      missing.push(`${variable} is not set`);
      continue;
    }
    const port = Number(new URL(url).port);
    if (!(await reachable(port)))
      missing.push(`${name} does not answer at ${url.replace(/\/\/[^@]*@/, '//')}`);
  }
  if (missing.length > 0)
    throw new Error(
      `The distributed tests need PostgreSQL, RabbitMQ and Redis (run ../shared/services.sh): ${missing.join('; ')}`,
    );
}
