import type { CatalogService } from '@zefy/contracts';
import {
  Banner,
  ButtonLink,
  Card,
  ErrorBanner,
  formatRupees,
  formatSlug,
  Screen,
  Spinner,
} from '@zefy/web-kit';
import { Link, useParams } from 'react-router';
import { PriceBreakdown } from '../../../components/price-breakdown.tsx';
import { describeExtraCharge, formatMinutes } from '../../../lib/service-terms.ts';
import { useCategories, useService } from '../api/catalog.ts';

/** `/services/:serviceId`: what the service includes, how long it takes, what it costs and what costs extra. */
export function ServiceScreen() {
  const serviceId = useParams().serviceId ?? '';
  const service = useService(serviceId);
  const categories = useCategories();
  if (service.status !== 'success')
    return (
      <Screen title="Service" back={<BackToCategory />}>
        {service.status === 'loading' ? (
          <Spinner label="Loading the service" />
        ) : (
          <ErrorBanner error={service.error} onRetry={service.reload} />
        )}
      </Screen>
    );
  const category =
    categories.status === 'success'
      ? categories.data.items.find((item) => item.id === service.data.category)
      : undefined;
  return (
    <Screen
      title={service.data.name}
      back={<BackToCategory id={service.data.category} name={category?.name} />}
      data-testid="service-detail"
    >
      <ServiceDetail service={service.data} />
    </Screen>
  );
}

function BackToCategory({ id, name }: { id?: string; name?: string }) {
  return id ? (
    <Link className="zf-back" to={`/categories/${id}`}>
      ← {name ?? formatSlug(id)}
    </Link>
  ) : (
    <Link className="zf-back" to="/">
      ← All services
    </Link>
  );
}

function ServiceDetail({ service }: { service: CatalogService }) {
  return (
    <>
      <Card>
        <div className="zf-card__body uw-summary">
          <div>
            <span className="uw-summary__price" data-testid="service-price">
              {formatRupees(service.price.totalPaise)}
            </span>
            <span className="zf-muted"> · {formatMinutes(service.includedMinutes)} · GST included</span>
          </div>
          {service.isActive ? (
            <ButtonLink to={`/services/${service.id}/book`} data-testid="book-service">
              Book
            </ButtonLink>
          ) : null}
        </div>
        {service.isActive ? null : (
          <div className="zf-card__body">
            <Banner tone="warning" title="No longer offered">
              This service cannot be booked any more.
            </Banner>
          </div>
        )}
      </Card>
      <Card title="What is included">
        <div className="zf-card__body uw-prose">
          {service.description ? <p>{service.description}</p> : null}
          <p>
            Up to <strong>{formatMinutes(service.includedMinutes)}</strong> of work by a verified
            professional, at your door.
          </p>
        </div>
      </Card>
      <Card title="Price">
        <PriceBreakdown price={service.price} serviceLabel={service.name} />
      </Card>
      <Card title="What costs extra">
        <p className="zf-card__body" data-testid="extra-charge">
          {describeExtraCharge(service)}
        </p>
      </Card>
    </>
  );
}
