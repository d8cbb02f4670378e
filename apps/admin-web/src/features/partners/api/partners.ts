import type { NewPartner, Partner, PartnerStatus } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export interface PartnerPage {
  items: Partner[];
  nextCursor: string | null;
}

export const listPartners = (status: PartnerStatus | 'all', signal?: AbortSignal) =>
  api.get<PartnerPage>(`/admin/partners?limit=100${status === 'all' ? '' : `&status=${status}`}`, { signal });

export function usePartners(status: PartnerStatus | 'all', version: number) {
  return useQuery(`admin/partners/${status}/${version}`, (signal) => listPartners(status, signal));
}

export const createPartner = (partner: NewPartner) =>
  api.post<Partner>('/admin/partners', partner, { idempotencyKey: true });
export const approvePartner = (id: string) => api.post<Partner>(`/admin/partners/${id}/approve`, undefined);
export const suspendPartner = (id: string, reason: string) =>
  api.post<Partner>(`/admin/partners/${id}/suspend`, { reason });
