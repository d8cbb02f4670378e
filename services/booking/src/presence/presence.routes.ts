import { bookingRoutes, type PresenceView } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { findProjection, hubs, partners } from '../projections/projections.repository.ts';
import { readPresence, savePresence } from './presence.store.ts';
import { isFresh, isInBbox, nextPresence, type PresenceRecord } from './presence.ts';

/** What else must happen when a partner comes on duty or goes off it (dispatch's offers). */
export interface DutyListener {
  cameOnDuty(partner: { id: string; hubId: string }): Promise<void>;
  wentOffDuty(partner: { id: string; hubId: string }): Promise<void>;
}

export function registerPresenceRoutes(app: FastifyInstance, deps: BookingDeps, duty: DutyListener): void {
  const { db, cache, clock } = deps;
  const { presenceFreshSeconds } = deps.settings;

  async function activePartner(partnerId: string): Promise<{ id: string; hubId: string }> {
    const partner = await findProjection(db.pool, partners, partnerId);
    if (partner?.status !== 'approved' || !partner.hubId)
      throw new AppError('BOOKING.PARTNER_NOT_ACTIVE', 'Only approved partners with a hub can go online');
    return { id: partner.id, hubId: partner.hubId };
  }

  async function view(
    partner: { id: string; hubId: string },
    record: PresenceRecord | null,
  ): Promise<PresenceView> {
    const hub = await findProjection(db.pool, hubs, partner.hubId);
    const position =
      record && record.lat !== null && record.lng !== null ? { lat: record.lat, lng: record.lng } : null;
    return {
      partnerId: partner.id,
      hubId: partner.hubId,
      online: record !== null && isFresh(record, clock.now().getTime(), presenceFreshSeconds),
      lat: position?.lat ?? null,
      lng: position?.lng ?? null,
      lastSeenAt: record?.seenAt ?? null,
      isInHub: position !== null && isInBbox(position, hub?.bbox ?? null),
      freshForSeconds: presenceFreshSeconds,
    };
  }

  implementRoute(app, db, bookingRoutes.getPresence, async ({ principal }) => {
    const partner = await activePartner(principal.id);
    return view(partner, await readPresence(cache, partner.hubId, partner.id));
  });

  implementRoute(app, db, bookingRoutes.putPresence, async ({ principal, body }) => {
    const partner = await activePartner(principal.id);
    if (body.online && (body.lat === undefined || body.lng === undefined))
      throw new AppError('REQUEST.VALIDATION_FAILED', 'Send your position (lat, lng) when going online', {
        errors: [
          { field: body.lat === undefined ? 'body.lat' : 'body.lng', message: 'is required when online' },
        ],
      });
    const previous = await readPresence(cache, partner.hubId, partner.id);
    const { record, cameOnDuty, wentOffDuty } = nextPresence(
      previous,
      body,
      clock.now(),
      presenceFreshSeconds,
    );
    await savePresence(cache, partner.hubId, partner.id, record);
    if (cameOnDuty) await duty.cameOnDuty(partner);
    if (wentOffDuty) await duty.wentOffDuty(partner);
    return view(partner, record);
  });
}
