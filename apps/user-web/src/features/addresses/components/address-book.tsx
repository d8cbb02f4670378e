import type { Address } from '@zefy/contracts';
import { Button, Card, EmptyState, ErrorBanner, Spinner } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { useAddresses } from '../api/get-addresses.ts';
import { AddressForm } from './address-form.tsx';

export interface AddressBookProps {
  selectedId: string | undefined;
  onSelect: (address: Address | undefined) => void;
}

/** The customer's saved addresses, like a delivery app's: pick one to see what is offered there. */
export function AddressBook({ selectedId, onSelect }: AddressBookProps) {
  const addresses = useAddresses();
  const [isAdding, setAdding] = useState(false);
  const items = addresses.status === 'success' ? addresses.data.items : undefined;

  // start on the default address; later, keep the chosen one (fresh from the list once it has it)
  useEffect(() => {
    if (!items) return;
    const chosen = items.find((address) => address.id === selectedId);
    if (chosen) onSelect(chosen);
    else if (selectedId === undefined) onSelect(items.find((address) => address.isDefault));
  }, [items, selectedId, onSelect]);

  if (addresses.status === 'loading') return <Spinner label="Loading your addresses" />;
  if (addresses.status === 'error') return <ErrorBanner error={addresses.error} onRetry={addresses.reload} />;

  return (
    <>
      <Card title="Your addresses" data-testid="address-book">
        {items?.length === 0 ? <EmptyState>Add an address to see what we offer there</EmptyState> : null}
        <ul className="zf-list">
          {items?.map((address) => (
            <li key={address.id} className="zf-list__item" data-testid="address-row">
              <label className="zf-list__main">
                <span className="zf-list__name">
                  <input
                    type="radio"
                    name="address"
                    checked={address.id === selectedId}
                    onChange={() => onSelect(address)}
                  />{' '}
                  {address.label} {address.isDefault ? <span className="zf-tag">Default</span> : null}
                </span>
                <span className="zf-muted">{address.line1}</span>
                <span
                  className={address.isServiceable ? 'zf-muted' : 'zf-notice'}
                  data-testid="serviceability"
                >
                  {address.isServiceable ? `Served by ${address.hubName}` : address.notServiceableReason}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {isAdding ? null : (
          <div className="zf-toolbar">
            <Button onClick={() => setAdding(true)}>Add address</Button>
          </div>
        )}
      </Card>
      {isAdding ? (
        <AddressForm
          onCancel={() => setAdding(false)}
          onSaved={(address) => {
            setAdding(false);
            onSelect(address);
            addresses.reload();
          }}
        />
      ) : null}
    </>
  );
}
