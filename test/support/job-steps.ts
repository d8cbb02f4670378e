import { randomUUID } from 'node:crypto';
import { eventually } from './api.ts';
import { acceptedJob, dispatchAt, type InProcessAccess } from './dispatch.ts';
import { fixNear, jobAt } from './job-http.ts';

/** How far a job is walked by `jobWalkedTo`, in the order the partner takes the steps. */
const steps = ['en_route', 'arrived', 'in_progress', 'completed'] as const;
export type JobStep = (typeof steps)[number];

/**
 * A job of `customer`'s accepted by a new partner and walked over HTTP, as the partner app does it, up to
 * `step`: on the way with two position fixes towards the door (on the platform's clock), at the door, started
 * with the customer's start code, `whileWorking` (the clock moved past the included time, extras proposed and
 * decided, say), ended with the end code: completed, or awaiting the extra's payment. Answers the booking's id.
 */
export async function jobWalkedTo(
  zefy: InProcessAccess,
  customer: { role: 'customer'; id: string },
  step: JobStep,
  whileWorking: (job: { bookingId: string; partnerToken: string }) => void | Promise<void> = () => {},
): Promise<string> {
  const { bookingId, token } = await acceptedJob(zefy, randomUUID(), customer);
  const customerToken = await zefy.tokenFor('customer', customer.id);
  const dispatch = dispatchAt(zefy.baseUrl);
  const job = jobAt(zefy.baseUrl);
  const reached = (wanted: JobStep) => steps.indexOf(step) >= steps.indexOf(wanted);
  const ok = async (answer: Promise<Response>) => {
    const response = await answer;
    if (response.status !== 200)
      throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  };

  await ok(dispatch.onMyWay(token, bookingId));
  const door = await job.doorOf(customerToken, bookingId);
  // tracking learns of "On my way" from booking's event: until then it refuses positions
  const now = zefy.platform.infra.clock.now().getTime();
  // events cross the bus slowly on a busy machine: the fixtures wait longer than a test's own step would
  await eventually(
    () => job.positions(token, bookingId, [fixNear(door, 1500, 60, now), fixNear(door, 1400, 50, now)]),
    30_000,
  );
  if (!reached('arrived')) return bookingId;
  await ok(dispatch.arrived(token, bookingId));
  if (!reached('in_progress')) return bookingId;
  const { start, end } = await job.issuedCodes(customerToken, bookingId);
  await job.start(token, bookingId, start);
  if (!reached('completed')) return bookingId;
  await whileWorking({ bookingId, partnerToken: token });
  await job.end(token, bookingId, end);
  return bookingId;
}
