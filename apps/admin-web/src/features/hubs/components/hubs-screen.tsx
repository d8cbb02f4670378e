import { ButtonLink, Card, DataTable, EmptyState, ErrorBanner, Screen, Spinner } from '@zefy/web-kit';
import { useNavigate, useParams } from 'react-router';
import { ActiveBadge } from '../../../components/active-badge.tsx';
import { EditLink } from '../../../components/edit-link.tsx';
import { useHubs } from '../api/hubs.ts';
import { HubEditor } from './hub-editor.tsx';

const areaFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1 });

/** `/hubs` (the list and a new hub) and `/hubs/:hubId` (the list and that hub, the map zoomed to it). */
export function HubsScreen() {
  const { hubId } = useParams();
  const navigate = useNavigate();
  const hubs = useHubs();
  if (hubs.status === 'loading')
    return (
      <Screen title="Hubs">
        <Spinner label="Loading hubs" />
      </Screen>
    );
  if (hubs.status === 'error')
    return (
      <Screen title="Hubs">
        <ErrorBanner error={hubs.error} onRetry={hubs.reload} />
      </Screen>
    );
  const selected = hubs.data.items.find((hub) => hub.id === hubId);

  return (
    <Screen title="Hubs" actions={hubId ? <ButtonLink to="/hubs">New hub</ButtonLink> : undefined}>
      <div className="zf-grid-2">
        <Card title="Hubs">
          {hubs.data.items.length === 0 ? (
            <EmptyState>No hubs yet</EmptyState>
          ) : (
            <DataTable
              label="Hubs"
              rows={hubs.data.items}
              rowKey={(hub) => hub.id}
              rowTestId="hub-row"
              columns={[
                { key: 'name', header: 'Name', cell: (hub) => <strong>{hub.name}</strong> },
                { key: 'city', header: 'City', cell: (hub) => hub.city },
                {
                  key: 'area',
                  header: 'Area',
                  isNumeric: true,
                  cell: (hub) => `${areaFormat.format(hub.areaSquareMetres / 1e6)} km²`,
                },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (hub) => <ActiveBadge isActive={hub.isActive} />,
                },
                {
                  key: 'edit',
                  header: '',
                  cell: (hub) => (
                    <EditLink to={`/hubs/${hub.id}`} name={hub.name} isCurrent={hub.id === hubId} />
                  ),
                },
              ]}
            />
          )}
        </Card>
        {hubId && !selected ? (
          <EmptyState>There is no such hub</EmptyState>
        ) : (
          <HubEditor
            key={selected?.id ?? 'new'}
            hub={selected}
            others={hubs.data.items.filter((hub) => hub.id !== selected?.id)}
            onSaved={(saved) => {
              hubs.reload();
              if (saved.id !== hubId) navigate(`/hubs/${saved.id}`);
            }}
          />
        )}
      </div>
    </Screen>
  );
}
