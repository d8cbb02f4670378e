import type { Address } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export interface AddressList {
  items: Address[];
}

export function getAddresses(signal?: AbortSignal): Promise<AddressList> {
  return api.get<AddressList>('/locations/addresses', { signal });
}

export function useAddresses() {
  return useQuery('locations/addresses', getAddresses);
}
