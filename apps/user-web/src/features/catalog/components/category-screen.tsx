import { Card, EmptyState, ErrorBanner, formatSlug, Screen, Spinner } from '@zefy/web-kit';
import { Link, useParams } from 'react-router';
import { useCategories, useServices } from '../api/catalog.ts';
import { ServiceList } from './service-list.tsx';

const back = (
  <Link className="zf-back" to="/">
    ← All services
  </Link>
);

/** `/categories/:categoryId`: one category's services, with what the category covers. */
export function CategoryScreen() {
  const categoryId = useParams().categoryId ?? '';
  const services = useServices();
  const categories = useCategories();
  const category =
    categories.status === 'success'
      ? categories.data.items.find((item) => item.id === categoryId)
      : undefined;
  const inCategory =
    services.status === 'success'
      ? services.data.items
          .filter((service) => service.category === categoryId)
          .sort((a, b) => a.name.localeCompare(b.name))
      : [];
  return (
    <Screen title={category?.name ?? formatSlug(categoryId)} back={back}>
      {category?.description ? <p className="zf-subtitle">{category.description}</p> : null}
      {services.status === 'loading' ? <Spinner label="Loading services" /> : null}
      {services.status === 'error' ? <ErrorBanner error={services.error} onRetry={services.reload} /> : null}
      {services.status === 'success' && inCategory.length === 0 ? (
        <EmptyState>Nothing on offer in this category yet</EmptyState>
      ) : null}
      {inCategory.length > 0 ? (
        <Card data-testid="service-category">
          <ServiceList services={inCategory} />
        </Card>
      ) : null}
    </Screen>
  );
}
