import { type Logger, schemasCompiledOnFirstUse } from '@zefy/platform';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { razorpaySimRoutes } from './routes.ts';
import type { RazorpaySimulator } from './simulator.ts';

export interface RazorpaySimServer {
  /** `http://host:port`, the base URL of the simulated API (`<url>/v1/orders`). */
  url: string;
  close(): Promise<void>;
}

/** Serves a simulator on its own port: the standalone process, or the embedded simulator's API for services. */
export async function listenRazorpaySim(
  sim: RazorpaySimulator,
  options: { host: string; port: number; logger?: Logger },
): Promise<RazorpaySimServer> {
  const app = Fastify({
    schemaController: schemasCompiledOnFirstUse,
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : {}),
    bodyLimit: 64 * 1024,
  });
  await app.register(razorpaySimRoutes(sim));
  const address = await app.listen({
    host: options.host,
    port: options.port,
    // not Fastify's "Server listening at": inside the gateway, that line announces the gateway
    listenTextResolver: (url) => `Razorpay simulator listening at ${url}`,
  });
  return {
    url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'),
    close: () => app.close(),
  };
}
