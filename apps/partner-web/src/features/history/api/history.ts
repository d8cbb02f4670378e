import { jobRoutes } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

/** The partner's completed jobs (newest first), their earnings by day and week, and the ratings they got. */
export function useHistory() {
  return useQuery('partner/history', async (signal) => {
    const [jobs, earnings, ratings] = await Promise.all([
      api.call(jobRoutes.listCompletedJobs, { query: { limit: 50 } }, { signal }),
      api.call(jobRoutes.getEarnings, undefined, { signal }),
      api.call(jobRoutes.getMyRatings, undefined, { signal }),
    ]);
    return { jobs, earnings, ratings };
  });
}
