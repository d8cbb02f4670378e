import type { Address, CatalogService } from '@zefy/contracts';
import { useState } from 'react';
import { AddressBook } from '../features/addresses/components/address-book.tsx';
import { BookingFlow } from '../features/booking/components/booking-flow.tsx';
import { isCheckoutReturn, PaymentReturn } from '../features/booking/components/payment-return.tsx';
import { ServiceCatalog } from '../features/catalog/components/service-catalog.tsx';

/** Signed in: pick an address, see what its hub offers, book one. Signed out: the whole catalog. */
export function BrowsePage({ isSignedIn }: { isSignedIn: boolean }) {
  const [selected, setSelected] = useState<Address>();
  const [service, setService] = useState<CatalogService>();
  const [isReturning, setReturning] = useState(isCheckoutReturn);
  if (!isSignedIn) return <ServiceCatalog />;
  if (isReturning) return <PaymentReturn onDone={() => setReturning(false)} />;
  return (
    <>
      <AddressBook selectedId={selected?.id} onSelect={setSelected} />
      {selected?.isServiceable ? (
        <ServiceCatalog
          hubName={selected.hubName ?? undefined}
          selectedId={service?.id}
          onSelect={setService}
        />
      ) : null}
      {selected?.isServiceable && service ? (
        <BookingFlow key={`${selected.id}/${service.id}`} address={selected} service={service} />
      ) : null}
      {selected && !selected.isServiceable ? (
        <p className="zf-notice" data-testid="not-serviceable">
          {selected.label}: {selected.notServiceableReason} Bookings cannot start from this address.
        </p>
      ) : null}
    </>
  );
}
