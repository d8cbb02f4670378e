import {
  type Clock,
  createWake,
  type Database,
  type Logger,
  type RealtimePublisher,
  type ServiceContext,
  type Wake,
} from '@zefy/platform';
import { appUrls, pushSettings } from './config.ts';
import { connectPushSender } from './push/push.sender.ts';
import { defaultPushRetry, type PushRetryPolicy, type PushSender } from './push/push.ts';
import type { AppUrls } from './recipients.ts';

/** What notifications' routes, commands, consumers and jobs share in one running instance. */
export interface NotificationsDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  push: {
    /** The adapter the settings chose (Firebase, an FCM endpoint, or a simulator of our own); `stop` closes it. */
    sender: PushSender;
    retry: PushRetryPolicy;
    /** Wakes the delivery job when the inbox queued pushes, so they go out now rather than at its next tick. */
    queued: Wake;
    /** Where the apps are published: a push's tap opens its booking's screen there (none: no link). */
    appUrls: AppUrls;
  };
}

export async function wireNotifications(context: ServiceContext): Promise<NotificationsDeps> {
  const { db, clock, logger, realtime } = context;
  const links = appUrls(context.config);
  const sender = await connectPushSender(pushSettings(context.config));
  logger.info({ push: sender.name }, 'push sender ready');
  return {
    db,
    clock,
    logger,
    realtime,
    push: { sender, retry: defaultPushRetry, queued: createWake(), appUrls: links },
  };
}
