import { ButtonLink, Card } from '@zefy/web-kit';
import { Link } from 'react-router';
import { useAddresses } from '../api/addresses.ts';
import { AddressSummary, Serviceability } from './address-summary.tsx';

/** On the home screen: where the customer's bookings go (the default address), or a way to add one. */
export function AddressStrip() {
  const addresses = useAddresses();
  if (addresses.status !== 'success') return null;
  const address = addresses.data.items.find((item) => item.isDefault) ?? addresses.data.items[0];
  if (!address)
    return (
      <Card data-testid="address-strip">
        <div className="zf-card__body zf-toolbar">
          <span>Add your address to book a professional there.</span>
          <ButtonLink size="small" to="/addresses/new">
            Add address
          </ButtonLink>
        </div>
      </Card>
    );
  return (
    <Card data-testid="address-strip">
      <div className="zf-card__body zf-toolbar">
        <span className="zf-list__main">
          <AddressSummary address={address} />
          <Serviceability address={address} />
        </span>
        <Link to="/addresses">Change</Link>
      </div>
    </Card>
  );
}
