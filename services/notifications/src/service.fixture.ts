import { ManualClock, type ServiceModule } from '@zefy/platform';
import { type ServiceHarness, startServiceHarness } from '@zefy/platform/testing';
import type { NotificationsDeps } from './deps.ts';
import { notificationsService } from './index.ts';

export type ServiceFixture = ServiceHarness<NotificationsDeps> & { deps: NotificationsDeps };

/** Notifications wired and routed, without its jobs and consumers: the tests drive those by hand. */
const withoutBackground: ServiceModule<NotificationsDeps> = {
  name: notificationsService.name,
  migrationsDir: notificationsService.migrationsDir,
  contracts: notificationsService.contracts,
  wire: notificationsService.wire,
  routes: notificationsService.routes,
  ...(notificationsService.stop ? { stop: notificationsService.stop } : {}),
};

/**
 * The notifications service in the platform's service harness at a fixed time, wired from `config`
 * (without FCM settings, with a simulator of its own).
 */
export async function startServiceFixture(
  serverUrl: string,
  config: Record<string, unknown> = {},
): Promise<ServiceFixture> {
  const harness = await startServiceHarness(withoutBackground, {
    serverUrl,
    clock: new ManualClock(new Date('2026-11-24T10:00:00.000Z')),
    poolSize: 8,
    config,
  });
  return { ...harness, deps: harness.service.deps };
}
