import { bookingRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { findProjection, hubs, partners } from '../projections/projections.repository.ts';
import { getSchedule, saveSchedule } from './schedule.repository.ts';
import { checkSchedule, emptyWeek, normaliseSchedule } from './schedule.ts';

/**
 * A partner edits only their own schedule (the principal is the key). It is stored even before booking has
 * heard the partner was approved: events may lag behind the partner's first login.
 */
export function registerScheduleRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db, clock } = deps;

  async function timezoneOf(partnerId: string): Promise<string | null> {
    const partner = await findProjection(db.pool, partners, partnerId);
    if (!partner?.hubId) return null;
    return (await findProjection(db.pool, hubs, partner.hubId))?.timezone ?? null;
  }

  implementRoute(app, db, bookingRoutes.getSchedule, async ({ principal }) => {
    const stored = await getSchedule(db.pool, principal.id);
    return {
      partnerId: principal.id,
      weekly: stored?.weekly ?? emptyWeek(),
      daysOff: stored?.daysOff ?? [],
      timezone: await timezoneOf(principal.id),
      updatedAt: stored?.updatedAt ?? null,
    };
  });

  implementRoute(app, db, bookingRoutes.putSchedule, async ({ principal, body }) => {
    const problems = checkSchedule(body);
    if (problems.length > 0)
      throw new AppError(
        'BOOKING.SCHEDULE_INVALID',
        problems.map((p) => `${p.field} ${p.message}`).join('; '),
        {
          errors: problems,
        },
      );
    const stored = await saveSchedule(db.pool, principal.id, normaliseSchedule(body), clock.now());
    return { ...stored, timezone: await timezoneOf(principal.id) };
  });
}
