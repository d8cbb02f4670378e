import type { Hub } from '@zefy/contracts';
import { Button, Card, EmptyState, ErrorBanner, Spinner } from '@zefy/web-kit';
import { useState } from 'react';
import { useHubs } from '../api/hubs.ts';
import { HubEditor } from './hub-editor.tsx';

const areaFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1 });

export function HubsScreen() {
  const hubs = useHubs();
  const [editing, setEditing] = useState<{ hub: Hub | undefined; key: number }>({ hub: undefined, key: 0 });
  if (hubs.status === 'loading') return <Spinner label="Loading hubs" />;
  if (hubs.status === 'error') return <ErrorBanner error={hubs.error} onRetry={hubs.reload} />;
  const edit = (hub: Hub | undefined) => setEditing((current) => ({ hub, key: current.key + 1 }));

  return (
    <div className="zf-grid-2">
      <Card title="Hubs">
        {hubs.data.items.length === 0 ? <EmptyState>No hubs yet</EmptyState> : null}
        <div className="zf-table-wrap">
          <table className="zf-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">City</th>
                <th scope="col" className="zf-num">
                  Area
                </th>
                <th scope="col">Status</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {hubs.data.items.map((hub) => (
                <tr key={hub.id} data-testid="hub-row">
                  <td className="zf-list__name">{hub.name}</td>
                  <td>{hub.city}</td>
                  <td className="zf-num">{areaFormat.format(hub.areaSquareMetres / 1e6)} km²</td>
                  <td>{hub.isActive ? <span className="zf-tag">Active</span> : 'Inactive'}</td>
                  <td>
                    <Button variant="secondary" onClick={() => edit(hub)}>
                      Edit
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="zf-toolbar">
          <Button onClick={() => edit(undefined)}>New hub</Button>
        </div>
      </Card>
      <HubEditor
        key={editing.key}
        hub={editing.hub}
        others={hubs.data.items.filter((hub) => hub.id !== editing.hub?.id)}
        onSaved={(saved) => {
          edit(saved);
          hubs.reload();
        }}
      />
    </div>
  );
}
