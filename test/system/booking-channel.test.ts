import { randomUUID } from 'node:crypto';
import {
  type BookingChange,
  type BookingEventPage,
  channels,
  type ServerMessage,
  type TrackingUpdate,
} from '@zefy/contracts';
import { createRealtimePublisher } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { cancelBooking } from '../support/booking.ts';
import { assignedJobSignedIn, dispatchAt } from '../support/dispatch.ts';
import { jobWalkedTo } from '../support/job-steps.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// a small allowance of unsent bytes, so a paused reader falls behind within a few hundred messages
const slowSocketBytes = 16_384;
// a booking on its way has fewer changes than this; a completed one (ten) has more
const replayLimit = 8;
let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
let dispatch: ReturnType<typeof dispatchAt>;
beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    env: {
      WS_SLOW_SOCKET_BYTES: String(slowSocketBytes),
      TRACKING_ETA_EVERY_SECONDS: '1',
      BOOKING_CHANNEL_REPLAY_LIMIT: String(replayLimit),
    },
  });
  api = apiAt(zefy.baseUrl);
  dispatch = dispatchAt(zefy.baseUrl);
});
afterAll(async () => {
  await zefy?.stop();
});

const changeOf = (message: ServerMessage): BookingChange | undefined =>
  message.type === 'change' ? message.change : undefined;
const isChange = (type: BookingChange['type']) => (message: ServerMessage) =>
  changeOf(message)?.type === type;
const changesIn = (messages: readonly ServerMessage[]) =>
  messages.flatMap((message) => (message.type === 'change' ? [message.change] : []));
const positionsIn = (messages: readonly ServerMessage[]) =>
  messages.flatMap((message) =>
    message.type === 'tracking' && message.update.kind === 'position' ? [message.update.position.lat] : [],
  );

async function assignedJob() {
  const job = await assignedJobSignedIn(zefy);
  return { ...job, channel: channels.booking(job.bookingId) };
}

/** The booking's state changes as its timeline keeps them (the customer's view: booking events only). */
async function timelineOf(bookingId: string, token: string): Promise<BookingChange[]> {
  const response = await api(`/api/v1/bookings/${bookingId}/events`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as BookingEventPage).items as BookingChange[];
}

describe('a booking’s live channel', () => {
  it('gives a customer who dropped mid-journey exactly the changes they missed, then live ones, in order', async () => {
    const job = await assignedJob();
    const first = await connectWebSocket(zefy.baseUrl, job.customer.token);
    expect(await first.subscribe(job.channel)).toEqual({ type: 'subscribed', channel: job.channel });
    // subscribing from 0 replays the booking so far
    await first.next(isChange('booking.partner_assigned'));
    expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
    const enRoute = changeOf(await first.next(isChange('booking.en_route')));
    const seenBeforeDrop = changesIn(first.messages);
    first.close();

    // while the customer is away, the partner arrives
    expect((await dispatch.arrived(job.partner.token, job.bookingId)).status).toBe(200);
    await eventually(async () => {
      const types = (await timelineOf(job.bookingId, job.customer.token)).map((change) => change.type);
      expect(types).toContain('booking.arrived');
    });

    const second = await connectWebSocket(zefy.baseUrl, job.customer.token);
    const resumed = await second.subscribe(job.channel, enRoute?.sequence);
    expect(resumed.type).toBe('subscribed');
    // a change made while the missed ones are replayed: live and replay meet without a gap or a repeat
    const cancelled = await cancelBooking(zefy.baseUrl, job.customer.token, job.bookingId, 'changed my mind');
    expect(cancelled.status).toBe(200);
    await second.next(isChange('booking.cancelled'));
    const timeline = await eventually(async () => {
      const entries = await timelineOf(job.bookingId, job.customer.token);
      const received = changesIn(second.messages).map((change) => change.sequence);
      const missed = entries.filter((entry) => entry.sequence > (enRoute?.sequence ?? 0));
      expect(received).toEqual(missed.map((entry) => entry.sequence));
      return entries;
    });
    const missedTypes = changesIn(second.messages).map((change) => change.type);
    expect(missedTypes[0]).toBe('booking.arrived');
    expect(missedTypes).toContain('booking.cancelled');
    // before the drop and after it, together: the whole timeline, each change once
    expect([...seenBeforeDrop, ...changesIn(second.messages)].map((change) => change.eventId)).toEqual(
      timeline.map((entry) => entry.eventId),
    );
    second.close();
  });

  it('refuses anyone but the customer, the assigned partner and staff, and sends them nothing', async () => {
    const job = await assignedJob();
    const strangers = await Promise.all([
      zefy.tokenFor('customer', randomUUID()),
      zefy.tokenFor('partner', randomUUID()),
    ]);
    for (const token of strangers) {
      const socket = await connectWebSocket(zefy.baseUrl, token);
      expect(await socket.subscribe(job.channel)).toMatchObject({
        type: 'error',
        code: 'AUTH.FORBIDDEN',
        channel: job.channel,
      });
      expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
      const watcher = await connectWebSocket(zefy.baseUrl, zefy.adminToken);
      expect((await watcher.subscribe(job.channel)).type).toBe('subscribed');
      await watcher.next(isChange('booking.en_route'));
      expect(
        socket.messages.filter((message) => message.type === 'change' || message.type === 'tracking'),
      ).toEqual([]);
      for (const open of [socket, watcher]) open.close();
    }
    const partner = await connectWebSocket(zefy.baseUrl, job.partner.token);
    expect((await partner.subscribe(job.channel)).type).toBe('subscribed');
    const badResume = await partner.subscribe(job.channel, -1);
    expect(badResume).toMatchObject({ type: 'error', code: 'REQUEST.VALIDATION_FAILED' });
    partner.close();
  });

  it('sends a watcher too far behind, or ahead of the booking, a snapshot instead of a replay, then resumes after it', async () => {
    const customer = { role: 'customer' as const, id: randomUUID() };
    const bookingId = await jobWalkedTo(zefy, customer, 'completed');
    const channel = channels.booking(bookingId);
    const token = await zefy.tokenFor('customer', customer.id);
    const changes = await timelineOf(bookingId, token);
    expect(changes.length).toBeGreaterThan(replayLimit);
    // the snapshot stands at the timeline's last row, whoever's (staff see them all)
    const everyRow = await timelineOf(bookingId, zefy.adminToken);
    const last = everyRow.at(-1)?.sequence ?? 0;
    const isResync = (message: ServerMessage) => message.type === 'resync';

    const behind = await connectWebSocket(zefy.baseUrl, token);
    expect(await behind.subscribe(channel)).toEqual({ type: 'subscribed', channel });
    const snapshot = await behind.next(isResync);
    expect(snapshot).toMatchObject({
      type: 'resync',
      channel,
      snapshot: { sequence: last, status: 'completed', partner: { id: expect.any(String) } },
    });
    expect(changesIn(behind.messages)).toEqual([]);
    behind.close();

    const ahead = await connectWebSocket(zefy.baseUrl, token);
    expect((await ahead.subscribe(channel, last + 50)).type).toBe('subscribed');
    expect(await ahead.next(isResync)).toMatchObject({ snapshot: { sequence: last, status: 'completed' } });
    // a second drop with nothing new replays nothing, and a resume within the limit replays as before
    expect((await ahead.subscribe(channel, last)).type).toBe('subscribed');
    const recent = changes.slice(-2);
    const within = await connectWebSocket(zefy.baseUrl, token);
    expect((await within.subscribe(channel, (recent[0]?.sequence ?? 1) - 1)).type).toBe('subscribed');
    await within.next(isChange(recent[1]?.type ?? 'booking.completed'));
    expect(changesIn(within.messages).map((change) => change.sequence)).toEqual(
      recent.map((change) => change.sequence),
    );
    expect(within.messages.some(isResync)).toBe(false);
    expect(ahead.messages.filter(isResync)).toHaveLength(1);
    expect(changesIn(ahead.messages)).toEqual([]);
    for (const socket of [ahead, within]) socket.close();
  });

  it('replays to a partner only from their own assignment on, nothing of the customer’s hold and payment', async () => {
    const job = await assignedJob();
    const partner = await connectWebSocket(zefy.baseUrl, job.partner.token);
    expect((await partner.subscribe(job.channel, 0)).type).toBe('subscribed');
    await partner.next(isChange('booking.partner_assigned'));
    expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
    await partner.next(isChange('booking.en_route'));
    const seen = changesIn(partner.messages);
    expect(seen[0]?.type).toBe('booking.partner_assigned');
    const customersView = await timelineOf(job.bookingId, job.customer.token);
    const assignedAt = customersView.find((change) => change.type === 'booking.partner_assigned')?.sequence;
    // up to the last change the partner has: the job codes, issued beside "On my way", may come before or after
    // it, and the timeline read afterwards may already hold them
    const lastSeen = seen.at(-1)?.sequence ?? 0;
    expect(seen.map((change) => change.sequence)).toEqual(
      customersView
        .filter((change) => change.sequence >= (assignedAt ?? 0) && change.sequence <= lastSeen)
        .map((change) => change.sequence),
    );
    expect(customersView.map((change) => change.type)).toContain('booking.held');
    expect(seen.map((change) => change.type)).not.toContain('booking.held');
    partner.close();
  });

  it('keeps a fast watcher current while a slow one falls behind, and the slow one loses positions, never changes', async () => {
    const job = await assignedJob();
    expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
    const fast = await connectWebSocket(zefy.baseUrl, job.customer.token);
    const slow = await connectWebSocket(zefy.baseUrl, job.customer.token);
    for (const socket of [fast, slow]) {
      expect((await socket.subscribe(job.channel)).type).toBe('subscribed');
      await socket.next(isChange('booking.en_route'));
    }
    slow.raw.pause();
    // positions as tracking publishes them, padded so the paused reader's buffers fill quickly
    const realtime = createRealtimePublisher(zefy.platform.infra.cache);
    const count = 300;
    const padding = 'x'.repeat(65_536);
    const publishing = (async () => {
      for (let index = 1; index <= count; index++) {
        const update = {
          kind: 'position',
          bookingId: job.bookingId,
          position: { lat: index, lng: 77.6, accuracyMeters: 5, fixAt: new Date().toISOString() },
          padding,
        } as unknown as TrackingUpdate;
        await realtime.publish(job.channel, { type: 'tracking', channel: job.channel, update });
        // the fast watcher reads as it comes: each position reaches it before the next is sent
        await fast.next((message) => positionsIn([message])[0] === index);
        if (index === count / 2)
          expect((await dispatch.arrived(job.partner.token, job.bookingId)).status).toBe(200);
      }
    })();
    await publishing;
    // the fast watcher has every position, in order, and the change, while the slow one still reads nothing
    await fast.next(isChange('booking.arrived'));
    expect(positionsIn(fast.messages)).toEqual(Array.from({ length: count }, (_, index) => index + 1));

    slow.raw.resume();
    await slow.next(isChange('booking.arrived'), 20_000);
    await slow.next((message) => positionsIn([message])[0] === count, 20_000);
    const slowPositions = positionsIn(slow.messages);
    expect(slowPositions.length).toBeLessThan(count);
    expect([...slowPositions].sort((a, b) => a - b)).toEqual(slowPositions);
    expect(new Set(slowPositions).size).toBe(slowPositions.length);
    for (const socket of [fast, slow]) socket.close();
  });
});
