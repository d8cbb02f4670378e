import type { CatalogService } from '@zefy/contracts';
import { Button, Card, EmptyState, ErrorBanner, formatPaise, formatSlug, Spinner } from '@zefy/web-kit';
import { useState } from 'react';
import { useCategories } from '../api/categories.ts';
import { useServices } from '../api/get-services.ts';
import { ServiceForm } from './service-form.tsx';

const createdAtFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short' });

export function ServicesTable({ canEdit }: { canEdit: boolean }) {
  const services = useServices();
  const [editing, setEditing] = useState<{ service: CatalogService | undefined } | undefined>();
  if (services.status === 'loading') return <Spinner label="Loading services" />;
  if (services.status === 'error') return <ErrorBanner error={services.error} onRetry={services.reload} />;

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
        {canEdit ? <Button onClick={() => setEditing({ service: undefined })}>New service</Button> : null}
      </div>
      {editing ? (
        <ServiceEditor
          service={editing.service}
          onDone={() => {
            setEditing(undefined);
            services.reload();
          }}
        />
      ) : null}
      {count === 0 ? (
        <EmptyState>No services yet</EmptyState>
      ) : (
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
                  <th scope="col" className="zf-num">
                    Customer pays
                  </th>
                  <th scope="col" className="zf-num">
                    Included
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  {canEdit ? <th scope="col" /> : null}
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
                    <td className="zf-num">{formatPaise(service.price.totalPaise)}</td>
                    <td className="zf-num">{service.includedMinutes} min</td>
                    <td>{service.isActive ? 'Active' : 'Inactive'}</td>
                    <td className="zf-muted">{createdAtFormat.format(new Date(service.createdAt))}</td>
                    {canEdit ? (
                      <td>
                        <Button variant="secondary" onClick={() => setEditing({ service })}>
                          Edit
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}

function ServiceEditor({ service, onDone }: { service: CatalogService | undefined; onDone: () => void }) {
  const categories = useCategories();
  if (categories.status === 'loading') return <Spinner label="Loading categories" />;
  if (categories.status === 'error')
    return <ErrorBanner error={categories.error} onRetry={categories.reload} />;
  return (
    <ServiceForm service={service} categories={categories.data.items} onSaved={onDone} onCancel={onDone} />
  );
}
