import type { EventData } from '@zefy/contracts';
import { handleOnce, isEvent, type ServiceContext, type Subscription } from '@zefy/platform';
import {
  deleteAddress,
  registerCustomer,
  resolveAddress,
  type ServiceProjection,
  upsertAddress,
  upsertHub,
  upsertPartner,
  upsertService,
} from './projections.repository.ts';

export const projectionsGroup = 'booking.projections';

// catalog.service_created v1 events from before the terms existed: the catalog's own defaults
const catalogDefaults = { includedMinutes: 60, taxRateBasisPoints: 1800, graceMinutes: 0, blockMinutes: 30 };

function serviceFrom(
  data: EventData<'catalog.service_created'> | EventData<'catalog.service_updated'>,
): ServiceProjection {
  return {
    id: data.serviceId,
    name: data.name,
    skill: data.skill ?? data.category,
    isActive: data.isActive ?? true,
    basePricePaise: data.basePricePaise,
    includedMinutes: data.includedMinutes ?? catalogDefaults.includedMinutes,
    graceMinutes: data.extraCharge?.graceMinutes ?? catalogDefaults.graceMinutes,
    extraBlockMinutes: data.extraCharge?.blockMinutes ?? catalogDefaults.blockMinutes,
    extraBlockPricePaise: data.extraCharge?.blockPricePaise ?? 0,
    taxRateBasisPoints: data.taxRateBasisPoints ?? catalogDefaults.taxRateBasisPoints,
  };
}

/**
 * Booking's copies of services (catalog), hubs and customers' addresses (locations), partners and customers'
 * phones (identity): what availability, holds and prices are computed from, without reading another
 * service's tables. Each event applies once
 * (inbox) and only if it is newer than what is stored (source_at).
 */
export function projectionSubscriptions(context: ServiceContext): Subscription[] {
  const { db } = context;
  return [
    {
      group: projectionsGroup,
      eventTypes: [
        'catalog.service_created',
        'catalog.service_updated',
        'locations.hub_created',
        'locations.hub_updated',
        'locations.address_saved',
        'locations.address_resolved',
        'locations.address_deleted',
        'identity.partner_created',
        'identity.partner_updated',
        'identity.customer_registered',
      ],
      async handler(event) {
        await handleOnce(db, projectionsGroup, event, async (tx) => {
          const at = event.occurredAt;
          if (isEvent(event, 'catalog.service_created') || isEvent(event, 'catalog.service_updated'))
            return upsertService(tx, serviceFrom(event.data), at);
          if (isEvent(event, 'locations.hub_created') || isEvent(event, 'locations.hub_updated')) {
            const { data } = event;
            return upsertHub(
              tx,
              {
                id: data.hubId,
                name: data.name,
                timezone: data.timezone,
                isActive: data.isActive,
                bbox: data.bbox,
              },
              at,
            );
          }
          if (isEvent(event, 'locations.address_saved')) {
            const { data } = event;
            return upsertAddress(
              tx,
              {
                id: data.addressId,
                customerId: data.customerId,
                hubId: data.hubId,
                isServiceable: data.isServiceable,
                lat: data.lat,
                lng: data.lng,
                isDeleted: false,
              },
              at,
            );
          }
          if (isEvent(event, 'locations.address_resolved')) {
            const { data } = event;
            return resolveAddress(
              tx,
              {
                id: data.addressId,
                customerId: data.customerId,
                hubId: data.hubId,
                isServiceable: data.isServiceable,
              },
              at,
            );
          }
          if (isEvent(event, 'locations.address_deleted'))
            return deleteAddress(tx, event.data.addressId, event.data.customerId, at);
          if (isEvent(event, 'identity.partner_created') || isEvent(event, 'identity.partner_updated')) {
            const { data } = event;
            return upsertPartner(
              tx,
              {
                id: data.partnerId,
                hubId: data.hubId,
                skills: data.skills,
                status: data.status,
                name: data.name,
              },
              at,
            );
          }
          if (isEvent(event, 'identity.customer_registered'))
            return registerCustomer(tx, { id: event.data.customerId, phone: event.data.phone }, at);
        });
      },
    },
  ];
}
