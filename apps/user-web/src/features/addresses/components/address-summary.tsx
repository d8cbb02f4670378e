import type { Address } from '@zefy/contracts';

/** Where the professional comes: the label, the street and the landmark. */
export function AddressSummary({ address }: { address: Address }) {
  return (
    <span className="zf-list__main" data-testid="address-summary">
      <span className="zf-list__name">{address.label}</span>
      <span className="zf-muted">
        {address.line1}
        {address.landmark ? ` · ${address.landmark}` : ''}
      </span>
    </span>
  );
}

/** Whether Zefy serves the address: the hub that does, or why none does yet. */
export function Serviceability({ address }: { address: Address }) {
  return address.isServiceable ? (
    <span className="zf-muted" data-testid="serviceability">
      Served by {address.hubName}
    </span>
  ) : (
    <span className="zf-notice" data-testid="serviceability">
      {address.notServiceableReason}
    </span>
  );
}
