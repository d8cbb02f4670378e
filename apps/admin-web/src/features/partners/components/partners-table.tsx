import type { Partner, PartnerStatus } from '@zefy/contracts';
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  DataTable,
  EmptyState,
  ErrorBanner,
  FormMessage,
  Screen,
  SelectField,
  Spinner,
  TextField,
  useApiForm,
  useSearchFilters,
} from '@zefy/web-kit';
import { useState } from 'react';
import { useCanEdit } from '../../../lib/session.ts';
import { useServices } from '../../catalog/api/catalog.ts';
import { useHubs } from '../../hubs/api/hubs.ts';
import { approvePartner, suspendPartner, usePartners } from '../api/partners.ts';

const statuses: Array<{ value: PartnerStatus; label: string }> = [
  { value: 'pending', label: 'Pending approval' },
  { value: 'approved', label: 'Approved' },
  { value: 'suspended', label: 'Suspended' },
];
const tones = { pending: 'warning', approved: 'success', suspended: 'danger' } as const;
const filterKeys = ['status'] as const;

/** `/partners`: partners with their status; admins approve and suspend, ops only look. */
export function PartnersScreen() {
  const canEdit = useCanEdit();
  const [filters, setFilters] = useSearchFilters(filterKeys);
  const status = statuses.find((candidate) => candidate.value === filters.status)?.value;
  const [version, setVersion] = useState(0);
  const partners = usePartners(status, version);
  const hubs = useHubs();
  const services = useServices();
  const hubName = new Map(hubs.status === 'success' ? hubs.data.items.map((hub) => [hub.id, hub.name]) : []);
  const serviceName = new Map(
    services.status === 'success' ? services.data.items.map((service) => [service.id, service.name]) : [],
  );
  const reload = () => setVersion((n) => n + 1);

  return (
    <Screen
      title="Partners"
      actions={
        canEdit ? (
          <ButtonLink to="/partners/new" data-testid="new-partner">
            New partner
          </ButtonLink>
        ) : undefined
      }
    >
      <div className="zf-toolbar zf-toolbar--start">
        <SelectField
          label="Status"
          value={status ?? ''}
          placeholder="Every status"
          options={statuses}
          onChange={(event) => setFilters({ status: event.target.value })}
        />
      </div>
      {partners.status === 'loading' ? <Spinner label="Loading partners" /> : null}
      {partners.status === 'error' ? <ErrorBanner error={partners.error} onRetry={partners.reload} /> : null}
      {partners.status === 'success' && partners.data.items.length === 0 ? (
        <EmptyState>No partners</EmptyState>
      ) : null}
      {partners.status === 'success' && partners.data.items.length > 0 ? (
        <Card>
          <DataTable
            label="Partners"
            rows={partners.data.items}
            rowKey={(partner) => partner.id}
            rowTestId="partner-row"
            columns={[
              { key: 'name', header: 'Name', cell: (partner) => <strong>{partner.name}</strong> },
              { key: 'phone', header: 'Phone', cell: (partner) => partner.phone },
              {
                key: 'hub',
                header: 'Hub',
                cell: (partner) => (partner.hubId ? (hubName.get(partner.hubId) ?? 'Unknown hub') : '—'),
              },
              {
                key: 'skills',
                header: 'Services',
                isWrapping: true,
                cell: (partner) =>
                  partner.skills.map((skill) => serviceName.get(skill) ?? 'Unknown service').join(', ') ||
                  '—',
              },
              {
                key: 'status',
                header: 'Status',
                cell: (partner) => (
                  <Badge tone={tones[partner.status]} data-testid="partner-status">
                    {partner.status}
                  </Badge>
                ),
              },
              canEdit && {
                key: 'actions',
                header: 'Actions',
                cell: (partner) => <PartnerActions partner={partner} onChanged={reload} />,
              },
            ]}
          />
        </Card>
      ) : null}
    </Screen>
  );
}

/** Approve, or suspend with a reason (asked for in place). */
function PartnerActions({ partner, onChanged }: { partner: Partner; onChanged: () => void }) {
  const [reason, setReason] = useState<string | null>(null);
  const form = useApiForm({ fields: ['reason'] });
  if (reason !== null)
    return (
      <form
        className="zf-toolbar zf-toolbar--start"
        noValidate
        onSubmit={form.onSubmit(async () => {
          await suspendPartner(partner.id, reason);
          setReason(null);
          onChanged();
        })}
      >
        <TextField
          label="Reason for suspending"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          {...form.field('reason')}
        />
        <Button type="submit" variant="danger" disabled={form.isBusy}>
          Confirm suspension
        </Button>
        <Button variant="secondary" onClick={() => setReason(null)}>
          Keep
        </Button>
        <FormMessage message={form.errors.form} />
      </form>
    );
  return (
    <form
      className="zf-toolbar zf-toolbar--start"
      onSubmit={form.onSubmit(async () => {
        await approvePartner(partner.id);
        onChanged();
      })}
    >
      {partner.status !== 'approved' ? (
        <Button type="submit" size="small" disabled={form.isBusy}>
          Approve
        </Button>
      ) : null}
      {partner.status !== 'suspended' ? (
        <Button variant="secondary" size="small" onClick={() => setReason('')}>
          Suspend
        </Button>
      ) : null}
      <FormMessage message={form.errors.form} />
    </form>
  );
}
