import type { CatalogService } from '@zefy/contracts';
import { Card, EmptyState, ErrorBanner, formatPaise, formatSlug, Screen, Spinner } from '@zefy/web-kit';
import { useProfile } from '../../profile/api/get-profile.ts';
import { useServices } from '../api/catalog.ts';

/** The partner's own services, by category: the jobs they can be offered. */
function ServiceList({ skills }: { skills: readonly string[] }) {
  const services = useServices();
  if (services.status === 'loading') return <Spinner label="Loading your services" />;
  if (services.status === 'error') return <ErrorBanner error={services.error} onRetry={services.reload} />;
  const mine = services.data.items.filter((service) => skills.includes(service.id));
  if (mine.length === 0)
    return (
      <EmptyState>
        You have no services yet. Zefy’s partner team adds the ones you are trained for.
      </EmptyState>
    );
  const byCategory = new Map<string, CatalogService[]>();
  for (const service of [...mine].sort(
    (a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name),
  ))
    byCategory.set(service.category, [...(byCategory.get(service.category) ?? []), service]);
  return [...byCategory].map(([category, items]) => (
    <Card key={category} title={formatSlug(category)}>
      <ul className="zf-list">
        {items.map((service) => (
          <ServiceRow key={service.id} service={service} />
        ))}
      </ul>
    </Card>
  ));
}

function ServiceRow({ service }: { service: CatalogService }) {
  return (
    <li className="zf-list__item" data-testid="service-row">
      <div className="zf-list__main">
        <span className="zf-list__name">{service.name}</span>
        <span className="zf-muted">{service.includedMinutes} min included</span>
      </div>
      <span className="zf-price">{formatPaise(service.basePricePaise)}</span>
    </li>
  );
}

/** `/services`: what the partner may be offered, with the base price of each. */
export function ServicesScreen() {
  const profile = useProfile();
  return (
    <Screen title="Your services">
      <p className="zf-subtitle">
        You get job offers for these services only. Prices are before tax, for the included time.
      </p>
      {profile.status === 'loading' ? <Spinner label="Loading your services" /> : null}
      {profile.status === 'error' ? <ErrorBanner error={profile.error} onRetry={profile.reload} /> : null}
      {profile.status === 'success' ? <ServiceList skills={profile.data.skills} /> : null}
    </Screen>
  );
}
