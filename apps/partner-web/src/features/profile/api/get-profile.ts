import type { Partner } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const getProfile = (signal?: AbortSignal) => api.get<Partner>('/partner/me', { signal });

export function useProfile(sessionId: string) {
  return useQuery(`partner/me/${sessionId}`, getProfile);
}
