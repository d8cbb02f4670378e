import type { Customer, CustomerPatch } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const getMe = (signal?: AbortSignal) => api.get<Customer>('/me', { signal });
export const updateMe = (patch: CustomerPatch) => api.patch<Customer>('/me', patch);

export function useMe(sessionId: string) {
  return useQuery(`me/${sessionId}`, getMe);
}
