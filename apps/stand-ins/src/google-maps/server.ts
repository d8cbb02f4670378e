import { type Logger, schemasCompiledOnFirstUse } from '@zefy/platform';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { RoadModel } from './road-model.ts';
import { googleMapsRoutes } from './routes.ts';
import { createGoogleMapsStandIn, type GoogleMapsStandIn } from './stand-in.ts';

export interface GoogleMapsStandInServer extends GoogleMapsStandIn {
  /** `http://host:port`: the base URL for both APIs (Routes and the Distance Matrix). */
  url: string;
  close(): Promise<void>;
}

/** A stand-in on its own port: the standalone process, or a test's (port 0). */
export async function startGoogleMapsStandIn(
  options: { host?: string; port?: number; apiKey?: string; model?: RoadModel; logger?: Logger } = {},
): Promise<GoogleMapsStandInServer> {
  const standIn = createGoogleMapsStandIn(options);
  const app = Fastify({
    schemaController: schemasCompiledOnFirstUse,
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : {}),
    // a scripted delay must not hold up close()
    forceCloseConnections: true,
  });
  await app.register(googleMapsRoutes(standIn));
  const address = await app.listen({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    listenTextResolver: (url) => `Google Maps stand-in listening at ${url}`,
  });
  return {
    ...standIn,
    url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'),
    close: () => app.close(),
  };
}
