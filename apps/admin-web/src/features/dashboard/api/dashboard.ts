import { bookingRoutes } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

export const getDashboard = (signal?: AbortSignal) =>
  api.call(bookingRoutes.getAdminDashboard, {}, { signal });
