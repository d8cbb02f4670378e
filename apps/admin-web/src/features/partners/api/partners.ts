import { identityRoutes, type NewPartner, type PartnerStatus } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const listPartners = (status: PartnerStatus | undefined, signal?: AbortSignal) =>
  api.call(identityRoutes.listPartners, { query: { limit: 100, status } }, { signal });

export function usePartners(status: PartnerStatus | undefined, version: number) {
  return useQuery(`admin/partners/${status ?? 'all'}/${version}`, (signal) => listPartners(status, signal));
}

export const createPartner = (partner: NewPartner, idempotencyKey: string) =>
  api.call(identityRoutes.createPartner, { body: partner }, { idempotencyKey });
export const approvePartner = (partnerId: string) =>
  api.call(identityRoutes.approvePartner, { params: { partnerId } });
export const suspendPartner = (partnerId: string, reason: string) =>
  api.call(identityRoutes.suspendPartner, { params: { partnerId }, body: { reason } });
