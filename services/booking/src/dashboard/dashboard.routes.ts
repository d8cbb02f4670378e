import { bookingRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { readHubPresence } from '../presence/presence.store.ts';
import { readHubDays, readPartnerNames } from './dashboard.repository.ts';
import { freshPresence, hubDashboard } from './dashboard.ts';

export function registerDashboardRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db, cache, clock, settings } = deps;
  implementRoute(app, db, bookingRoutes.getAdminDashboard, async () => {
    const now = clock.now();
    const days = await readHubDays(db.pool, now);
    const online = await Promise.all(
      days.map(async (day) =>
        freshPresence(
          (await readHubPresence(cache, day.hubId)).entries(),
          now,
          settings.presenceFreshSeconds,
        ),
      ),
    );
    const names = await readPartnerNames(
      db.pool,
      online.flat().map(([partnerId]) => partnerId),
    );
    const hubs = days.map((day, index) => hubDashboard(day, online[index] ?? [], names));
    return { generatedAt: now.toISOString(), hubs };
  });
}
