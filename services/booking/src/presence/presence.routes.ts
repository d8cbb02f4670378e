import { bookingRoutes, type PresenceView } from '@zefy/contracts';
import { AppError, implementRoute, type ServiceContext } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingConfig } from '../config.ts';
import { getHub, getPartner, type PartnerProjection } from '../projections/projections.repository.ts';
import { readPresence, savePresence } from './presence.store.ts';
import { isFresh, isInBbox, type PresenceRecord } from './presence.ts';

export function registerPresenceRoutes(
  app: FastifyInstance,
  context: ServiceContext,
  config: BookingConfig,
): void {
  const { db, cache, clock } = context;

  async function activePartner(partnerId: string): Promise<PartnerProjection & { hubId: string }> {
    const partner = await getPartner(db.pool, partnerId);
    if (partner?.status !== 'approved' || !partner.hubId)
      throw new AppError('BOOKING.PARTNER_NOT_ACTIVE', 'Only approved partners with a hub can go online');
    return { ...partner, hubId: partner.hubId };
  }

  async function view(
    partnerId: string,
    hubId: string,
    record: PresenceRecord | null,
  ): Promise<PresenceView> {
    const hub = await getHub(db.pool, hubId);
    const position =
      record && record.lat !== null && record.lng !== null ? { lat: record.lat, lng: record.lng } : null;
    return {
      partnerId,
      hubId,
      online: record !== null && isFresh(record, clock.now().getTime(), config.presenceFreshSeconds),
      lat: position?.lat ?? null,
      lng: position?.lng ?? null,
      lastSeenAt: record?.seenAt ?? null,
      isInHub: position !== null && isInBbox(position, hub?.bbox ?? null),
      freshForSeconds: config.presenceFreshSeconds,
    };
  }

  implementRoute(app, db, bookingRoutes.getPresence, async ({ principal }) => {
    const partner = await activePartner(principal.id);
    return view(partner.id, partner.hubId, await readPresence(cache, partner.hubId, partner.id));
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
    const record: PresenceRecord = {
      online: body.online,
      lat: body.lat ?? previous?.lat ?? null,
      lng: body.lng ?? previous?.lng ?? null,
      seenAt: clock.now().toISOString(),
    };
    await savePresence(cache, partner.hubId, partner.id, record);
    return view(partner.id, partner.hubId, record);
  });
}
