import type { RealtimeEvent } from '@zefy/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeSocket } from './realtime-socket.ts';

class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  readonly url: string;
  readonly protocols: string[];
  readonly sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(url: URL, protocols: string[]) {
    this.url = url.toString();
    this.protocols = protocols;
    FakeWebSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.onclose?.();
  }
  serverOpens() {
    this.onopen?.();
  }
  serverSends(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  serverDrops() {
    this.onclose?.();
  }
}

const latestSocket = () => FakeWebSocket.instances.at(-1)!;

const event: RealtimeEvent = {
  id: '018f0000-0000-7000-8000-000000000001',
  type: 'catalog.service_created',
  version: 1,
  occurredAt: '2025-01-01T00:00:00.000Z',
  correlationId: 'c1',
  causationId: null,
  actor: { kind: 'admin', id: 'a1' },
  data: { serviceId: 's1', name: 'Deep cleaning', category: 'cleaning', basePricePaise: 49_900 },
};

describe('RealtimeSocket', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    vi.stubGlobal('WebSocket', FakeWebSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const connect = () => {
    const socket = new RealtimeSocket({ url: 'ws://gateway.test/ws', getToken: () => 'token-1' });
    socket.connect();
    return socket;
  };

  it('connects with the token as a subprotocol, not in the URL, and subscribes once open', () => {
    const socket = connect();
    socket.subscribe('catalog', { onEvent: () => {} });
    expect(latestSocket().url).toBe('ws://gateway.test/ws');
    expect(latestSocket().protocols).toEqual(['zefy.v1', 'bearer.token-1']);
    expect(latestSocket().sent).toEqual([]);

    latestSocket().serverOpens();
    expect(latestSocket().sent).toEqual([{ type: 'subscribe', channel: 'catalog' }]);
    expect(socket.status).toBe('open');
  });

  it('delivers events to the handlers of their channel only', () => {
    const catalogEvents: RealtimeEvent[] = [];
    const adminEvents: RealtimeEvent[] = [];
    const socket = connect();
    socket.subscribe('catalog', { onEvent: (e) => catalogEvents.push(e) });
    socket.subscribe('admin', { onEvent: (e) => adminEvents.push(e) });
    latestSocket().serverOpens();

    latestSocket().serverSends({ type: 'event', channel: 'catalog', event });
    expect(catalogEvents).toEqual([event]);
    expect(adminEvents).toEqual([]);
  });

  it('hands inbox notifications to the handlers of their channel', () => {
    const notification = {
      id: '018f0000-0000-7000-8000-000000000002',
      kind: 'booking.confirmed',
      title: 'Booking confirmed',
      body: 'Searching for a partner',
      data: { bookingId: 'b1' },
      createdAt: '2025-01-01T00:00:00.000Z',
      readAt: null,
    };
    const mine = vi.fn();
    const others = vi.fn();
    const socket = connect();
    socket.subscribe('user:u1', { onNotification: mine });
    socket.subscribe('user:u2', { onNotification: others });
    latestSocket().serverOpens();

    latestSocket().serverSends({ type: 'notification', channel: 'user:u1', notification });
    expect(mine).toHaveBeenCalledWith(notification);
    expect(others).not.toHaveBeenCalled();
  });

  it('hands live tracking updates to the handlers of their channel', () => {
    const update = { kind: 'location_delayed', bookingId: 'b1', lastFixAt: '2025-01-01T00:00:00.000Z' };
    const mine = vi.fn();
    const others = vi.fn();
    const socket = connect();
    socket.subscribe('user:u1', { onTracking: mine });
    socket.subscribe('user:u2', { onTracking: others });
    latestSocket().serverOpens();

    latestSocket().serverSends({ type: 'tracking', channel: 'user:u1', update });
    expect(mine).toHaveBeenCalledWith(update);
    expect(others).not.toHaveBeenCalled();
  });

  it('leaves a channel when its last handler unsubscribes', () => {
    const socket = connect();
    latestSocket().serverOpens();
    const first = socket.subscribe('catalog', { onEvent: () => {} });
    const second = socket.subscribe('catalog', { onEvent: () => {} });
    first();
    expect(latestSocket().sent).toEqual([{ type: 'subscribe', channel: 'catalog' }]);
    second();
    expect(latestSocket().sent).toEqual([
      { type: 'subscribe', channel: 'catalog' },
      { type: 'unsubscribe', channel: 'catalog' },
    ]);
  });

  it('reconnects with backoff and subscribes again', () => {
    const socket = connect();
    const onSubscribed = vi.fn();
    socket.subscribe('catalog', { onEvent: () => {}, onSubscribed });
    latestSocket().serverOpens();
    latestSocket().serverSends({ type: 'subscribed', channel: 'catalog' });

    latestSocket().serverDrops();
    expect(socket.status).toBe('reconnecting');
    expect(FakeWebSocket.instances).toHaveLength(1);

    vi.advanceTimersByTime(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
    latestSocket().serverOpens();
    expect(latestSocket().sent).toEqual([{ type: 'subscribe', channel: 'catalog' }]);
    latestSocket().serverSends({ type: 'subscribed', channel: 'catalog' });
    expect(onSubscribed).toHaveBeenCalledTimes(2);
  });

  it('resumes a booking channel after the last change it saw, and hands each change on once', () => {
    const change = (sequence: number) => ({
      sequence,
      eventId: `e${sequence}`,
      type: 'booking.en_route',
      occurredAt: '2025-01-01T00:00:00.000Z',
      actor: { kind: 'partner', id: 'p1' },
      data: { bookingId: 'b1' },
    });
    const seen = vi.fn();
    const socket = connect();
    socket.subscribe('booking:b1', { onChange: (received) => seen(received.sequence) });
    latestSocket().serverOpens();
    expect(latestSocket().sent).toEqual([{ type: 'subscribe', channel: 'booking:b1' }]);
    for (const sequence of [3, 4, 4])
      latestSocket().serverSends({ type: 'change', channel: 'booking:b1', change: change(sequence) });
    expect(seen.mock.calls).toEqual([[3], [4]]);

    latestSocket().serverDrops();
    vi.advanceTimersByTime(500);
    latestSocket().serverOpens();
    expect(latestSocket().sent).toEqual([{ type: 'subscribe', channel: 'booking:b1', after: 4 }]);
  });

  it('hands a resync snapshot on and resumes after its sequence, even one behind what it had seen', () => {
    const resyncs = vi.fn();
    const socket = connect();
    socket.subscribe('booking:b1', { onResync: (snapshot) => resyncs(snapshot.sequence, snapshot.status) });
    latestSocket().serverOpens();
    const snapshot = { sequence: 7, status: 'en_route', partner: null, tracking: null };
    latestSocket().serverSends({ type: 'resync', channel: 'booking:b1', snapshot });
    expect(resyncs.mock.calls).toEqual([[7, 'en_route']]);

    latestSocket().serverDrops();
    vi.advanceTimersByTime(500);
    latestSocket().serverOpens();
    expect(latestSocket().sent).toEqual([{ type: 'subscribe', channel: 'booking:b1', after: 7 }]);
  });

  it('waits longer after each failed attempt, up to the cap', () => {
    const socket = new RealtimeSocket({
      url: 'ws://gateway.test/ws',
      getToken: () => null,
      maxBackoffMs: 2_000,
    });
    socket.connect();
    expect(latestSocket().url).toBe('ws://gateway.test/ws');
    latestSocket().serverDrops();
    for (const ceiling of [500, 1_000, 2_000, 2_000]) {
      const before = FakeWebSocket.instances.length;
      vi.advanceTimersByTime(ceiling / 2 - 1);
      expect(FakeWebSocket.instances).toHaveLength(before);
      vi.advanceTimersByTime(ceiling / 2 + 1);
      expect(FakeWebSocket.instances).toHaveLength(before + 1);
      latestSocket().serverDrops();
    }
  });

  it('stays closed after close()', () => {
    const socket = connect();
    latestSocket().serverOpens();
    socket.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket.status).toBe('closed');
  });
});
