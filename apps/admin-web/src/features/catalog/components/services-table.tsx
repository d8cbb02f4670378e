import {
  Badge,
  ButtonLink,
  Card,
  DataTable,
  EmptyState,
  ErrorBanner,
  formatPaise,
  formatSlug,
  Screen,
  Spinner,
} from '@zefy/web-kit';
import { ActiveBadge } from '../../../components/active-badge.tsx';
import { EditLink } from '../../../components/edit-link.tsx';
import { useCanEdit } from '../../../lib/session.ts';
import { useServices } from '../api/catalog.ts';

const createdAtFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short' });

/** `/services`: the catalog, newest first, with what the customer pays; admins open one to edit it. */
export function ServicesScreen() {
  const canEdit = useCanEdit();
  const services = useServices();
  const count = services.status === 'success' ? services.data.items.length : 0;
  return (
    <Screen
      title="Services"
      actions={canEdit ? <ButtonLink to="/services/new">New service</ButtonLink> : undefined}
    >
      {services.status === 'loading' ? <Spinner label="Loading services" /> : null}
      {services.status === 'error' ? <ErrorBanner error={services.error} onRetry={services.reload} /> : null}
      {services.status === 'success' && count === 0 ? <EmptyState>No services yet</EmptyState> : null}
      {services.status === 'success' && count > 0 ? (
        <>
          <span className="zf-muted" data-testid="service-count">
            {count} {count === 1 ? 'service' : 'services'}
          </span>
          <Card>
            <DataTable
              label="Services"
              rows={[...services.data.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
              rowKey={(service) => service.id}
              rowTestId="service-row"
              columns={[
                { key: 'name', header: 'Name', cell: (service) => <strong>{service.name}</strong> },
                {
                  key: 'category',
                  header: 'Category',
                  cell: (service) => <Badge tone="neutral">{formatSlug(service.category)}</Badge>,
                },
                {
                  key: 'base',
                  header: 'Base price',
                  isNumeric: true,
                  cell: (service) => formatPaise(service.basePricePaise),
                },
                {
                  key: 'total',
                  header: 'Customer pays',
                  isNumeric: true,
                  cell: (service) => formatPaise(service.price.totalPaise),
                },
                {
                  key: 'included',
                  header: 'Included',
                  isNumeric: true,
                  cell: (service) => `${service.includedMinutes} min`,
                },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (service) => <ActiveBadge isActive={service.isActive} />,
                },
                {
                  key: 'created',
                  header: 'Created',
                  cell: (service) => createdAtFormat.format(new Date(service.createdAt)),
                },
                canEdit && {
                  key: 'edit',
                  header: '',
                  cell: (service) => <EditLink to={`/services/${service.id}/edit`} name={service.name} />,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </Screen>
  );
}
