import type { Address } from '@zefy/contracts';
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  ErrorBanner,
  FormMessage,
  Screen,
  Spinner,
  useApiForm,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { deleteAddress, updateAddress, useAddresses } from '../api/addresses.ts';
import { AddressSummary, Serviceability } from './address-summary.tsx';

const addButton = (
  <ButtonLink size="small" to="/addresses/new">
    Add address
  </ButtonLink>
);

/** `/addresses`: the customer's saved addresses, the default first; edit, make default, delete. */
export function AddressesScreen() {
  const addresses = useAddresses();
  return (
    <Screen title="Your addresses" actions={addButton}>
      {addresses.status === 'loading' ? <Spinner label="Loading your addresses" /> : null}
      {addresses.status === 'error' ? (
        <ErrorBanner error={addresses.error} onRetry={addresses.reload} />
      ) : null}
      {addresses.status === 'success' && addresses.data.items.length === 0 ? (
        <EmptyState action={addButton}>Add an address to book a service there</EmptyState>
      ) : null}
      {addresses.status === 'success' && addresses.data.items.length > 0 ? (
        <Card data-testid="address-book">
          <ul className="zf-list">
            {addresses.data.items.map((address) => (
              <AddressRow key={address.id} address={address} onChanged={addresses.reload} />
            ))}
          </ul>
        </Card>
      ) : null}
    </Screen>
  );
}

function AddressRow({ address, onChanged }: { address: Address; onChanged: () => void }) {
  const [isConfirming, setConfirming] = useState(false);
  const form = useApiForm({ fields: [] });
  const toast = useToast();

  const makeDefault = form.onSubmit(async () => {
    await updateAddress(address.id, { isDefault: true });
    toast.show(`${address.label} is your default address`);
    onChanged();
  });
  const remove = form.onSubmit(async () => {
    await deleteAddress(address.id);
    toast.show(`${address.label} deleted`);
    onChanged();
  });

  return (
    <li className="zf-list__item uw-address-row" data-testid="address-row">
      <div className="uw-address-row__text">
        <AddressSummary address={address} />
        {address.isDefault ? (
          <Badge tone="success" data-testid="default-address">
            Default
          </Badge>
        ) : null}
        <Serviceability address={address} />
      </div>
      <FormMessage message={form.errors.form} />
      {isConfirming ? (
        <div className="zf-toolbar zf-toolbar--start" data-testid="confirm-delete">
          <span>Delete {address.label}?</span>
          <Button variant="danger" size="small" onClick={remove} disabled={form.isBusy}>
            Delete
          </Button>
          <Button variant="secondary" size="small" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <div className="zf-toolbar zf-toolbar--start">
          <ButtonLink variant="secondary" size="small" to={`/addresses/${address.id}/edit`}>
            Edit
          </ButtonLink>
          {address.isDefault ? null : (
            <Button variant="secondary" size="small" onClick={makeDefault} disabled={form.isBusy}>
              Make default
            </Button>
          )}
          <Button variant="secondary" size="small" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}
