import { jobRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { decideExtra, proposeExtra, reissueOtp, submitOtp } from './job.commands.ts';
import { customerOtps, jobProgress } from './job.queries.ts';

export function registerJobRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db } = deps;

  implementRoute(app, db, jobRoutes.getOtps, ({ principal, params }) =>
    customerOtps(deps, params.bookingId, principal),
  );

  implementRoute(app, db, jobRoutes.startJob, async ({ principal, params, body }) => {
    await submitOtp(deps, params.bookingId, 'start', body.otp, { kind: 'partner', id: principal.id });
    return jobProgress(deps, params.bookingId, principal.id);
  });

  implementRoute(app, db, jobRoutes.endJob, async ({ principal, params, body }) => {
    await submitOtp(deps, params.bookingId, 'end', body.otp, { kind: 'partner', id: principal.id });
    return jobProgress(deps, params.bookingId, principal.id);
  });

  implementRoute(app, db, jobRoutes.getJobProgress, ({ principal, params }) =>
    jobProgress(deps, params.bookingId, principal.id),
  );

  implementRoute(app, db, jobRoutes.proposeExtra, ({ principal, params, body }) =>
    proposeExtra(deps, params.bookingId, body, { kind: 'partner', id: principal.id }),
  );

  implementRoute(app, db, jobRoutes.approveExtra, ({ principal, params }) =>
    decideExtra(deps, params, 'approve', { kind: 'customer', id: principal.id }),
  );

  implementRoute(app, db, jobRoutes.declineExtra, ({ principal, params }) =>
    decideExtra(deps, params, 'decline', { kind: 'customer', id: principal.id }),
  );

  implementRoute(app, db, jobRoutes.reissueOtp, async ({ principal, params, body }) => {
    const kind = await reissueOtp(deps, params.bookingId, body.reason.trim(), principal);
    return { bookingId: params.bookingId, kind, reissuedAt: deps.clock.now().toISOString() };
  });
}
