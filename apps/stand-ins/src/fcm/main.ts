import { PlatformEnv, runProcess } from '@zefy/platform';
import { Type } from 'typebox';
import { startFcmSimulator } from './simulator.ts';

/** The FCM simulator as its own process, for several notifications instances to share (FCM_BASE_URL). */
await runProcess(
  'zefy-fcm-sim',
  Type.Object({
    LOG_LEVEL: PlatformEnv.properties.LOG_LEVEL,
    FCM_SIM_HOST: Type.String({ default: '127.0.0.1' }),
    FCM_SIM_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4190 }),
    FCM_PROJECT_ID: Type.String({ default: 'zefy-local' }),
    FCM_ACCESS_TOKEN: Type.String({ default: 'zefy-local-fcm-token', minLength: 1 }),
  }),
  async (config, logger) => {
    const simulator = await startFcmSimulator({
      host: config.FCM_SIM_HOST,
      port: config.FCM_SIM_PORT,
      projectId: config.FCM_PROJECT_ID,
      accessToken: config.FCM_ACCESS_TOKEN,
    });
    logger.info({ url: simulator.url, projectId: simulator.projectId }, 'FCM simulator listening');
    return simulator.close;
  },
);
