import type { CatalogCategory, CatalogService } from '@zefy/contracts';
import { Card, EmptyState, ErrorBanner, formatPaise, formatSlug, Spinner } from '@zefy/web-kit';
import { useCategories } from '../api/get-categories.ts';
import { useServices } from '../api/get-services.ts';

/**
 * What is on offer, by category, at the price the customer pays (tax included, as computed by the shared
 * price rule on the server). Every active service is offered in every active hub.
 */
export function ServiceCatalog({ hubName }: { hubName?: string }) {
  const services = useServices();
  const categories = useCategories();
  // categories only dress the list (names, pictures): without them it falls back to the slugs
  const categoryById = new Map(
    categories.status === 'success' ? categories.data.items.map((category) => [category.id, category]) : [],
  );
  if (services.status === 'loading') return <Spinner label="Loading services" />;
  if (services.status === 'error') return <ErrorBanner error={services.error} onRetry={services.reload} />;
  if (services.data.items.length === 0) return <EmptyState>No services yet</EmptyState>;

  return (
    <>
      {hubName ? (
        <h2 className="zf-card__title" data-testid="hub-services-title">
          Services at {hubName}
        </h2>
      ) : null}
      {groupByCategory(services.data.items).map(([category, items]) => (
        <Card
          key={category}
          title={<CategoryTitle id={category} category={categoryById.get(category)} />}
          data-testid="service-category"
        >
          <ul className="zf-list">
            {items.map((service) => (
              <li key={service.id} className="zf-list__item" data-testid="service-row">
                <span className="zf-list__main">
                  <span className="zf-list__name">{service.name}</span>
                  <span className="zf-muted">
                    {service.includedMinutes} min · incl. {formatPaise(service.price.taxPaise)} GST
                  </span>
                </span>
                <span className="zf-price">{formatPaise(service.price.totalPaise)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </>
  );
}

function CategoryTitle({ id, category }: { id: string; category: CatalogCategory | undefined }) {
  return (
    <span className="zf-category">
      {category?.imageUrl ? <img src={category.imageUrl} alt="" width={24} height={24} /> : null}
      {category?.name ?? formatSlug(id)}
    </span>
  );
}

function groupByCategory(services: CatalogService[]): Array<[string, CatalogService[]]> {
  const groups = new Map<string, CatalogService[]>();
  for (const service of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = groups.get(service.category);
    if (group) group.push(service);
    else groups.set(service.category, [service]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}
