import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type {
  BookingFlowsJob,
  BookingFlowsResult,
  HttpResult,
  LoadJob,
  SocketCommand,
  SocketReport,
} from './load-generator.ts';

const generator = path.join(import.meta.dirname, 'load-generator.ts');
const reportTimeoutMs = 120_000;

function startGenerator(job: LoadJob): ChildProcess {
  // with this process's Node flags: tsx, and the young generation `npm run bench` sets
  const child = fork(generator, [], { stdio: 'inherit' });
  child.send(job);
  return child;
}

/** Runs `job` in a process of its own and answers what it measured. */
function measuredApart<T>(job: LoadJob): Promise<T> {
  const child = startGenerator(job);
  return new Promise((resolve, reject) => {
    child.once('message', (result: T) => resolve(result));
    child.once('error', reject);
    // 'close', not 'exit': it comes after every message the child sent has been delivered
    child.once('close', (code) => reject(new Error(`load generator exited with ${code} before answering`)));
  });
}

/** Runs HTTP load from a process of its own and answers its raw timings. */
export const generateLoad = (job: Extract<LoadJob, { kind: 'http' }>) => measuredApart<HttpResult>(job);

/** Paid bookings made end to end from a process of its own, with each flow's and each step's timings. */
export const runBookingFlows = (job: BookingFlowsJob) => measuredApart<BookingFlowsResult>(job);

/**
 * WebSocket clients in a process of their own, connected and subscribed once this resolves. `expect` waits
 * until each named client received the offer of `bookingId` and answers when each did (epoch ms); the
 * first named client accepts the offer when the clients were started with `acceptThrough`.
 */
export async function socketClients(job: Extract<LoadJob, { kind: 'sockets' }>) {
  const child = startGenerator(job);
  const reports: SocketReport[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (report: SocketReport) => {
    reports.push(report);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('close', (code) => reject(new Error(`socket clients exited with ${code}`))),
  );
  exited.catch(() => undefined);
  // a socket the starved server dropped never hears its offer: the bench stops instead of waiting for ever
  async function next<T extends SocketReport>(predicate: (report: SocketReport) => report is T): Promise<T> {
    const deadline = Date.now() + reportTimeoutMs;
    for (;;) {
      const found = reports.find(predicate);
      if (found) {
        reports.splice(reports.indexOf(found), 1);
        return found;
      }
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`socket clients: nothing awaited reported within ${reportTimeoutMs} ms`);
      }
      await Promise.race([
        new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 1000);
        }),
        exited,
      ]);
    }
  }
  const send = (command: SocketCommand) => child.send(command);
  await next((report): report is Extract<SocketReport, { type: 'connected' }> => report.type === 'connected');
  return {
    /**
     * Starts listening for the round's message: settles once every client has it, with when each did and
     * the first one's size in bytes. Await `listening(round)` before causing the message.
     */
    expect(
      round: number,
      bookingId: string,
      clients: number[],
      options: Pick<Extract<SocketCommand, { type: 'expect' }>, 'customer' | 'acceptWhen'> = {},
    ) {
      send({ type: 'expect', round, bookingId, clients, ...options });
      return next(
        (report): report is Extract<SocketReport, { type: 'received' }> =>
          report.type === 'received' && report.round === round,
      );
    },
    listening: (round: number) =>
      next(
        (report): report is Extract<SocketReport, { type: 'listening' }> =>
          report.type === 'listening' && report.round === round,
      ),
    accepted: (round: number) =>
      next(
        (report): report is Extract<SocketReport, { type: 'accepted' }> =>
          report.type === 'accepted' && report.round === round,
      ),
    close() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'close' });
      return gone;
    },
  };
}
