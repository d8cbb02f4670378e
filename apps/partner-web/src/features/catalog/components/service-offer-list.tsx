import { Card, EmptyState, ErrorBanner, formatPaise, formatSlug, Spinner } from '@zefy/web-kit';
import { useServices } from '../api/get-services.ts';

export function ServiceOfferList() {
  const services = useServices();
  if (services.status === 'loading') return <Spinner label="Loading services" />;
  if (services.status === 'error') return <ErrorBanner error={services.error} onRetry={services.reload} />;
  if (services.data.items.length === 0) return <EmptyState>No services yet</EmptyState>;

  const sorted = [...services.data.items].sort(
    (a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name),
  );
  return (
    <Card>
      <ul className="zf-list">
        {sorted.map((service) => (
          <li key={service.id} className="zf-list__item" data-testid="service-row">
            <div className="zf-list__main">
              <span className="zf-list__name">{service.name}</span>
              <span className="zf-muted">{formatSlug(service.category)}</span>
            </div>
            <span className="zf-price">{formatPaise(service.basePricePaise)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
