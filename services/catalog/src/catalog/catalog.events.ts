import type { Actor } from '@zefy/contracts';
import { type Clock, createEvent, type DomainEvent } from '@zefy/platform';
import type { ServiceEvent, ServiceRecord } from './catalog.ts';

/** What other services learn of a service: enough to price and match it, not its description or image. */
const serviceTerms = (service: ServiceRecord) => ({
  serviceId: service.id,
  name: service.name,
  category: service.category,
  basePricePaise: service.basePricePaise,
  includedMinutes: service.includedMinutes,
  extraCharge: service.extraCharge,
  taxRateBasisPoints: service.taxRateBasisPoints,
  skill: service.skill,
  isActive: service.isActive,
});

/** The wire event of each domain event, in its envelope. */
export function toWireEvent(event: ServiceEvent, options: { actor: Actor; clock: Clock }): DomainEvent {
  switch (event.type) {
    case 'ServiceCreated':
      return createEvent('catalog.service_created', serviceTerms(event.service), options);
    case 'ServiceUpdated':
      return createEvent('catalog.service_updated', serviceTerms(event.service), options);
  }
}
