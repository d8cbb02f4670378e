import type { Address } from '@zefy/contracts';
import { useState } from 'react';
import { AddressBook } from '../features/addresses/components/address-book.tsx';
import { ServiceCatalog } from '../features/catalog/components/service-catalog.tsx';

/** Signed in: pick an address, see what its hub offers. Signed out: the whole catalog. */
export function BrowsePage({ isSignedIn }: { isSignedIn: boolean }) {
  const [selected, setSelected] = useState<Address>();
  if (!isSignedIn) return <ServiceCatalog />;
  return (
    <>
      <AddressBook selectedId={selected?.id} onSelect={setSelected} />
      {selected?.isServiceable ? <ServiceCatalog hubName={selected.hubName ?? undefined} /> : null}
      {selected && !selected.isServiceable ? (
        <p className="zf-notice" data-testid="not-serviceable">
          {selected.label}: {selected.notServiceableReason} Bookings cannot start from this address.
        </p>
      ) : null}
    </>
  );
}
