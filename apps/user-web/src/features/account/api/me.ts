import { type CustomerPatch, identityRoutes } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const getMe = (signal?: AbortSignal) => api.call(identityRoutes.getMe, {}, { signal });
export const updateMe = (patch: CustomerPatch) => api.call(identityRoutes.updateMe, { body: patch });

export function useMe(sessionId: string) {
  return useQuery(`me/${sessionId}`, getMe);
}
