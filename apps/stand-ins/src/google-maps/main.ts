import { PlatformEnv, runProcess } from '@zefy/platform';
import { Type } from 'typebox';
import { startGoogleMapsStandIn } from './server.ts';

const { HOST, LOG_LEVEL } = PlatformEnv.properties;

/** The Google Maps stand-in as its own process, for several tracking instances to share. */
await runProcess(
  'zefy-google-maps-sim',
  Type.Object({
    HOST,
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4200 }),
    LOG_LEVEL,
    GOOGLE_MAPS_API_KEY: Type.String({ default: 'zefy-local-maps-key', minLength: 1 }),
  }),
  async (config, logger) => {
    const server = await startGoogleMapsStandIn({
      host: config.HOST,
      port: config.PORT,
      apiKey: config.GOOGLE_MAPS_API_KEY,
      logger,
    });
    return server.close;
  },
);
