import { identityRoutes } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const getProfile = (signal?: AbortSignal) => api.call(identityRoutes.getPartnerMe, {}, { signal });

/** The signed-in partner (the screens below the signed-in layout load afresh for each login). */
export function useProfile() {
  return useQuery('partner/me', getProfile);
}
