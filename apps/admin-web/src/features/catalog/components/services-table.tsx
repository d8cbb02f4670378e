import { Button, Card, EmptyState, ErrorBanner, formatPaise, formatSlug, Spinner } from '@zefy/web-kit';
import { useServices } from '../api/get-services.ts';

const createdAtFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short' });

export function ServicesTable() {
  const services = useServices();
  if (services.status === 'loading') return <Spinner label="Loading services" />;
  if (services.status === 'error') return <ErrorBanner error={services.error} onRetry={services.reload} />;
  if (services.data.items.length === 0) return <EmptyState>No services yet</EmptyState>;

  const newestFirst = [...services.data.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const count = newestFirst.length;
  return (
    <>
      <div className="zf-toolbar">
        <span className="zf-muted" data-testid="service-count">
          {count} {count === 1 ? 'service' : 'services'}
        </span>
        <Button variant="secondary" onClick={services.reload}>
          Refresh
        </Button>
      </div>
      <Card>
        <div className="zf-table-wrap">
          <table className="zf-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col" className="zf-num">
                  Base price
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((service) => (
                <tr key={service.id} data-testid="service-row">
                  <td className="zf-list__name">{service.name}</td>
                  <td>
                    <span className="zf-tag">{formatSlug(service.category)}</span>
                  </td>
                  <td className="zf-num">{formatPaise(service.basePricePaise)}</td>
                  <td className="zf-muted">{createdAtFormat.format(new Date(service.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
