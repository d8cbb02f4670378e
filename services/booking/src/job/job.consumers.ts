import { channels } from '@zefy/contracts';
import { onEvents, pushEvents, type Subscription } from '@zefy/platform';
import type { BookingDeps } from '../deps.ts';
import { issueOtps } from './job.commands.ts';

export const jobGroup = 'booking.job-otps';
export const jobRealtimeGroup = 'booking.job-realtime';

type Parties = { customerId: string; partnerId: string };
const toEveryone = (data: Parties) => [
  channels.user(data.customerId),
  channels.partner(data.partnerId),
  channels.admin,
];
const toCustomerAndStaff = (data: { customerId: string }) => [channels.user(data.customerId), channels.admin];

/**
 * An assignment issues the job's codes (a reassignment, new ones for the new partner). The job's events
 * reach the customer, the partner and the console; a lock is the console's alert; ratings reach the console;
 * codes never travel.
 */
export function jobSubscriptions(deps: BookingDeps): Subscription[] {
  return [
    onEvents(deps.db, jobGroup, {
      'booking.partner_assigned': async (data, tx) => {
        await issueOtps(deps, tx, data);
      },
    }),
    pushEvents(deps, jobRealtimeGroup, {
      'booking.otps_issued': toCustomerAndStaff,
      'booking.otp_reissued': toCustomerAndStaff,
      'booking.otp_rejected': (data) => [channels.partner(data.partnerId), channels.admin],
      'booking.otp_locked': toEveryone,
      'booking.job_started': toEveryone,
      'booking.job_ended': toEveryone,
      // a proposal asks the customer; a decision answers the partner (the booking channel carries both)
      'booking.extra_proposed': toCustomerAndStaff,
      'booking.extra_approved': toEveryone,
      'booking.extra_declined': toEveryone,
      // the customer's app shows the new amount owed (or the completed job)
      'booking.extra_adjusted': toCustomerAndStaff,
      'booking.completed': toEveryone,
      // each side sees its own rating in its answer; the console's booking detail follows both
      'booking.rated': () => [channels.admin],
    }),
  ];
}
