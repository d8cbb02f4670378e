import type { Address, NewAddress } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

/** `idempotencyKey` stays the same across retries of one submission, so a retry never saves twice. */
export function createAddress(address: NewAddress, idempotencyKey: string): Promise<Address> {
  return api.post<Address>('/locations/addresses', address, { idempotencyKey });
}
