import { bookingRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { readHubPresence } from '../presence/presence.store.ts';
import { readHubDays } from './dashboard.repository.ts';
import { hubDashboard } from './dashboard.ts';

export function registerDashboardRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db, cache, clock, settings } = deps;
  implementRoute(app, db, bookingRoutes.getAdminDashboard, async () => {
    const now = clock.now();
    const days = await readHubDays(db.pool, now);
    const hubs = await Promise.all(
      days.map(async (day) =>
        hubDashboard(
          day,
          (await readHubPresence(cache, day.hubId)).entries(),
          now,
          settings.presenceFreshSeconds,
        ),
      ),
    );
    return { generatedAt: now.toISOString(), hubs };
  });
}
