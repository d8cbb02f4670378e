import type { EventData, EventType } from '@zefy/contracts';
import { type DomainEvent, onEvents, type Subscription, type Transaction } from '@zefy/platform';
import type { BookingDeps } from '../deps.ts';
import {
  type AddressProjection,
  addresses,
  customers,
  deleteAddress,
  fillCustomerPhone,
  type HubProjection,
  hubs,
  type PartnerProjection,
  type ProjectedFields,
  type Projection,
  partners,
  type ServiceProjection,
  services,
  upsertProjection,
} from './projections.repository.ts';

export const projectionsGroup = 'booking.projections';

// catalog.service_created v1 events from before the terms existed: the catalog's own defaults
const catalogDefaults = { includedMinutes: 60, taxRateBasisPoints: 1800, graceMinutes: 0, blockMinutes: 30 };

const serviceFrom = (
  data: EventData<'catalog.service_created'> | EventData<'catalog.service_updated'>,
): ServiceProjection => ({
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
});

const hubFrom = (
  data: EventData<'locations.hub_created'> | EventData<'locations.hub_updated'>,
): ProjectedFields<HubProjection> => ({
  id: data.hubId,
  name: data.name,
  timezone: data.timezone,
  isActive: data.isActive,
  bbox: data.bbox,
  // absent from events sent before hubs had one: what is stored stays
  taxIdentity: data.taxIdentity,
});

const partnerFrom = (
  data: EventData<'identity.partner_created'> | EventData<'identity.partner_updated'>,
): PartnerProjection => ({
  id: data.partnerId,
  hubId: data.hubId,
  skills: data.skills,
  status: data.status,
  name: data.name,
  phone: data.phone,
  photoUrl: data.photoUrl,
});

const savedAddressFrom = (data: EventData<'locations.address_saved'>): AddressProjection => ({
  id: data.addressId,
  customerId: data.customerId,
  hubId: data.hubId,
  isServiceable: data.isServiceable,
  lat: data.lat,
  lng: data.lng,
  isDeleted: false,
});

/** The address moved to another hub (or out of every hub) because a hub changed. */
const resolvedAddressFrom = (
  data: EventData<'locations.address_resolved'>,
): ProjectedFields<AddressProjection> => ({
  id: data.addressId,
  customerId: data.customerId,
  hubId: data.hubId,
  isServiceable: data.isServiceable,
});

/** The handler that stores in `projection` what `fieldsOf` reads from each event. */
const project =
  <T extends EventType, Row extends { id: string }>(
    projection: Projection<Row>,
    fieldsOf: (data: EventData<T>) => ProjectedFields<Row>,
  ) =>
  (data: EventData<T>, tx: Transaction, event: DomainEvent<T>): Promise<void> =>
    upsertProjection(tx, projection, fieldsOf(data), event.occurredAt);

/**
 * Booking's copies of services (catalog), hubs and customers' addresses (locations), partners and customers'
 * phones (identity): what availability, holds and prices are computed from, without reading another
 * service's tables. Each event applies once (inbox) and only if it is newer than what is stored.
 */
export function projectionSubscriptions(deps: BookingDeps): Subscription[] {
  return [
    onEvents(deps.db, projectionsGroup, {
      'catalog.service_created': project(services, serviceFrom),
      'catalog.service_updated': project(services, serviceFrom),
      'locations.hub_created': project(hubs, hubFrom),
      'locations.hub_updated': project(hubs, hubFrom),
      'locations.address_saved': project(addresses, savedAddressFrom),
      'locations.address_resolved': project(addresses, resolvedAddressFrom),
      'locations.address_deleted': (data, tx, event) =>
        deleteAddress(tx, { id: data.addressId, customerId: data.customerId }, event.occurredAt),
      'identity.partner_created': project(partners, partnerFrom),
      'identity.partner_updated': project(partners, partnerFrom),
      'identity.customer_registered': async (data, tx, event) => {
        const customer = { id: data.customerId, phone: data.phone };
        await upsertProjection(tx, customers, customer, event.occurredAt);
        await fillCustomerPhone(tx, customer);
      },
    }),
  ];
}
