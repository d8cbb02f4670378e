import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../deps.ts';
import { listOpenReviews } from './reviews.repository.ts';

export function registerReviewRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.listReviews, async () => ({
    items: await listOpenReviews(deps.db.pool),
  }));
}
