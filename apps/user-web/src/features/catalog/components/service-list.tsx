import type { CatalogService } from '@zefy/contracts';
import { formatRupees } from '@zefy/web-kit';
import { Link } from 'react-router';
import { formatMinutes } from '../../../lib/service-terms.ts';

/** Services as tappable rows: name, time included, and the price the customer pays (GST included). */
export function ServiceList({ services }: { services: readonly CatalogService[] }) {
  return (
    <ul className="zf-list">
      {services.map((service) => (
        <li key={service.id} data-testid="service-row">
          <Link className="zf-list__item uw-row-link" to={`/services/${service.id}`}>
            <span className="zf-list__main">
              <span className="zf-list__name">{service.name}</span>
              <span className="zf-muted">{formatMinutes(service.includedMinutes)} · GST included</span>
            </span>
            <span className="zf-price">{formatRupees(service.price.totalPaise)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** By category slug, each category's services by name; categories in slug order. */
export function groupByCategory(services: readonly CatalogService[]): Array<[string, CatalogService[]]> {
  const groups = new Map<string, CatalogService[]>();
  for (const service of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = groups.get(service.category);
    if (group) group.push(service);
    else groups.set(service.category, [service]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}
