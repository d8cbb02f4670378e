import { type AddressPatch, locationsRoutes, type NewAddress } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

/** The customer's saved addresses, the default first (as the API lists them). */
export function useAddresses() {
  return useQuery('locations/addresses', (signal) => api.call(locationsRoutes.listAddresses, {}, { signal }));
}

export function useAddress(addressId: string) {
  return useQuery(`locations/addresses/${addressId}`, (signal) =>
    api.call(locationsRoutes.getAddress, { params: { addressId } }, { signal }),
  );
}

/** `idempotencyKey` stays the same across retries of one submission, so a retry never saves twice. */
export function createAddress(address: NewAddress, idempotencyKey: string) {
  return api.call(locationsRoutes.createAddress, { body: address }, { idempotencyKey });
}

export function updateAddress(addressId: string, patch: AddressPatch) {
  return api.call(locationsRoutes.updateAddress, { params: { addressId }, body: patch });
}

export function deleteAddress(addressId: string) {
  return api.call(locationsRoutes.deleteAddress, { params: { addressId } });
}

/** Which hub would serve a pin, before the address is saved. */
export function useServiceability(pin: { lat: number; lng: number } | undefined) {
  return useQuery(`locations/resolve/${pin ? `${pin.lat},${pin.lng}` : 'none'}`, (signal) =>
    pin ? api.call(locationsRoutes.resolve, { query: pin }, { signal }) : Promise.resolve(null),
  );
}
