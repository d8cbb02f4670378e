import { startFcmSimulator } from '@zefy/stand-ins/fcm';
import type { PushSettings } from '../config.ts';
import { createFirebaseSender } from './fcm.firebase-sender.ts';
import { createFcmRestSender } from './fcm.rest-sender.ts';
import type { PushSender } from './push.ts';

/** The push adapter the settings name; closing it also stops a simulator started for it. */
export async function connectPushSender(settings: PushSettings): Promise<PushSender> {
  switch (settings.adapter) {
    case 'firebase':
      return createFirebaseSender(settings);
    case 'rest':
      return createFcmRestSender({ ...settings, accessToken: async () => settings.accessToken });
    case 'local-simulator': {
      // embedded default: pushes cross a real HTTP hop in the FCM wire format, so the path is the production one
      const simulator = await startFcmSimulator(settings);
      const sender = createFcmRestSender({
        baseUrl: simulator.url,
        ...settings,
        accessToken: async () => settings.accessToken,
      });
      return {
        ...sender,
        async close() {
          await sender.close();
          await simulator.close();
        },
      };
    }
  }
}
