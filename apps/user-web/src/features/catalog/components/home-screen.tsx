import type { CatalogCategory } from '@zefy/contracts';
import { Card, EmptyState, ErrorBanner, Screen, Spinner, useSession } from '@zefy/web-kit';
import { Link } from 'react-router';
import { auth } from '../../../lib/api-client.ts';
import { AddressStrip } from '../../addresses/components/address-strip.tsx';
import { useCategories, useServices } from '../api/catalog.ts';
import { CategoryTitle } from './category-title.tsx';
import { groupByCategory, ServiceList } from './service-list.tsx';

/**
 * `/`: what is on offer, by category, at the price the customer pays, to visitors and customers alike
 * (every active service is offered in every active hub); a signed-in customer also sees their address.
 */
export function HomeScreen() {
  const session = useSession(auth);
  const services = useServices();
  const categories = useCategories();
  // categories only dress the list (names, pictures): without them it falls back to the slugs
  const categoryById = new Map(
    categories.status === 'success' ? categories.data.items.map((category) => [category.id, category]) : [],
  );
  return (
    <Screen title="Book a service">
      <p className="zf-subtitle">Verified professionals at your door, assigned within minutes.</p>
      {session ? <AddressStrip /> : null}
      {categories.status === 'success' && categories.data.items.length > 0 ? (
        <CategoryTiles categories={categories.data.items} />
      ) : null}
      {services.status === 'loading' ? <Spinner label="Loading services" /> : null}
      {services.status === 'error' ? <ErrorBanner error={services.error} onRetry={services.reload} /> : null}
      {services.status === 'success' && services.data.items.length === 0 ? (
        <EmptyState>No services yet</EmptyState>
      ) : null}
      {services.status === 'success'
        ? groupByCategory(services.data.items).map(([category, items]) => (
            <Card
              key={category}
              title={<CategoryTitle id={category} category={categoryById.get(category)} />}
              data-testid="service-category"
            >
              <ServiceList services={items} />
            </Card>
          ))
        : null}
    </Screen>
  );
}

function CategoryTiles({ categories }: { categories: readonly CatalogCategory[] }) {
  return (
    <nav aria-label="Categories">
      <ul className="zf-list uw-tiles">
        {categories
          .filter((category) => category.isActive)
          .map((category) => (
            <li key={category.id}>
              <Link className="uw-tile" to={`/categories/${category.id}`} data-testid="category-tile">
                {category.imageUrl ? <img src={category.imageUrl} alt="" width={40} height={40} /> : null}
                <span>{category.name}</span>
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
