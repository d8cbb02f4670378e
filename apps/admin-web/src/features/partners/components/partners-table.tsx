import type { Partner, PartnerStatus } from '@zefy/contracts';
import { type ApiError, Button, Card, EmptyState, ErrorBanner, Spinner, toApiError } from '@zefy/web-kit';
import { useState } from 'react';
import { approvePartner, suspendPartner, usePartners } from '../api/partners.ts';
import { PartnerForm } from './partner-form.tsx';

const filters: Array<PartnerStatus | 'all'> = ['all', 'pending', 'approved', 'suspended'];

/** Partners with their status; admins approve and suspend, ops only look. */
export function PartnersTable({ canEdit }: { canEdit: boolean }) {
  const [status, setStatus] = useState<PartnerStatus | 'all'>('all');
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const partners = usePartners(status, version);
  const reload = () => setVersion((n) => n + 1);

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  return (
    <>
      {canEdit ? <PartnerForm onCreated={reload} /> : null}
      <div className="zf-toolbar">
        <label className="zf-field">
          <span className="zf-field__label">Status</span>
          <select
            className="zf-select"
            value={status}
            onChange={(event) => setStatus(event.target.value as PartnerStatus | 'all')}
          >
            {filters.map((filter) => (
              <option key={filter} value={filter}>
                {filter}
              </option>
            ))}
          </select>
        </label>
        <Button variant="secondary" onClick={reload}>
          Refresh
        </Button>
      </div>
      {error ? <ErrorBanner error={error} /> : null}
      {partners.status === 'loading' ? <Spinner label="Loading partners" /> : null}
      {partners.status === 'error' ? <ErrorBanner error={partners.error} onRetry={partners.reload} /> : null}
      {partners.status === 'success' && partners.data.items.length === 0 ? (
        <EmptyState>No partners</EmptyState>
      ) : null}
      {partners.status === 'success' && partners.data.items.length > 0 ? (
        <Card>
          <div className="zf-table-wrap">
            <table className="zf-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Skills</th>
                  <th scope="col">Status</th>
                  {canEdit ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {partners.data.items.map((partner) => (
                  <PartnerRow key={partner.id} partner={partner} canEdit={canEdit} act={act} />
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </>
  );
}

function PartnerRow({
  partner,
  canEdit,
  act,
}: {
  partner: Partner;
  canEdit: boolean;
  act: (action: () => Promise<unknown>) => Promise<void>;
}) {
  const [reason, setReason] = useState<string | null>(null);
  return (
    <tr data-testid="partner-row" data-partner-id={partner.id}>
      <td className="zf-list__name">{partner.name}</td>
      <td>{partner.phone}</td>
      <td className="zf-muted">{partner.skills.length}</td>
      <td>
        <span className={`zf-status zf-status--${partner.status}`} data-testid="partner-status">
          {partner.status}
        </span>
      </td>
      {canEdit ? (
        <td>
          <div className="zf-toolbar">
            {partner.status !== 'approved' ? (
              <Button onClick={() => void act(() => approvePartner(partner.id))}>Approve</Button>
            ) : null}
            {partner.status !== 'suspended' && reason === null ? (
              <Button variant="secondary" onClick={() => setReason('')}>
                Suspend
              </Button>
            ) : null}
            {reason !== null ? (
              <>
                <input
                  className="zf-input"
                  aria-label="Reason for suspending"
                  placeholder="Reason"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
                <Button
                  variant="secondary"
                  disabled={reason.trim().length < 3}
                  onClick={() =>
                    void act(() => suspendPartner(partner.id, reason)).then(() => setReason(null))
                  }
                >
                  Confirm suspension
                </Button>
              </>
            ) : null}
          </div>
        </td>
      ) : null}
    </tr>
  );
}
