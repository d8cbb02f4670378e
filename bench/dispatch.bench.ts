import { randomUUID } from 'node:crypto';
import type { Address, Availability, BookingView } from '@zefy/contracts';
import { channels } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { WebSocketServer } from 'ws';
import { home, hubWithService, partnerCreated, paymentFacts } from '../test/support/dispatch-crew.ts';
import { socketClients } from './load.ts';
import { type AcceptMoment, nowMs } from './load-generator.ts';
import { startPeer } from './peer/server.ts';
import { acceptShapedTransaction, rawSchema } from './raw-sql.ts';
import type { Scenario } from './results.ts';
import type { BenchOutcome } from './run.ts';
import { type Summary, summarize } from './stats.ts';
import { reachableRedis, startBenchPlatform, startProfiling } from './support.ts';

const fanOuts = [100, 1000];
/** Bookings offered per fan-out size; each is accepted by a partner who then has that job. */
const rounds = Number(process.env.BENCH_DISPATCH_ROUNDS ?? 8);
/**
 * Rounds take turns: the accept leaves once the wave has landed on every socket (a partner reads the offer
 * before tapping accept), or the moment the first offer arrives, queued behind the rest of the wave's frames.
 */
const acceptMomentOf = (round: number): AcceptMoment => (round % 2 === 0 ? 'wave-landed' : 'first-offer');
const acceptMoments: readonly AcceptMoment[] = ['wave-landed', 'first-offer'];
const acceptMomentLabel: Record<AcceptMoment, string> = {
  'wave-landed': 'once the wave has landed',
  'first-offer': 'while the wave still lands',
};
/** Samples taken one after another: their elapsed time is their sum. */
const oneByOne = (ms: number[]) =>
  summarize(
    ms,
    ms.reduce((sum, each) => sum + each, 0),
  );
/** BENCH_CPU_PROFILE=file.cpuprofile: the platform's profile over the largest fan-out's rounds. */
const profileFile = process.env.BENCH_CPU_PROFILE;
const byMoment = () => ({ 'wave-landed': [] as number[], 'first-offer': [] as number[] });
async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

/**
 * The race to accept on the common-stack peer (bench/peer): `size` partners on its Socket.IO, a booking
 * requested over HTTP broadcast to their hub's room, the first to receive it accepts (a conditional UPDATE);
 * fan-out from the request sent to the offer on each socket, and the accept's answer.
 */
async function peerDispatch(redisUrl: string, databaseUrl: string, size: number) {
  const peer = await startPeer({ databaseUrl, redisUrl, schema: `peer_${randomUUID().slice(0, 8)}` });
  const hubId = 'indiranagar';
  try {
    const clients = await socketClients({
      kind: 'sockets',
      protocol: 'socket.io',
      url: peer.base,
      clients: await Promise.all(
        Array.from({ length: size }, async () => ({
          token: await peer.tokenFor({ sub: newId(), role: 'partner', hubId }),
        })),
      ),
      acceptThrough: peer.base,
    });
    const customer = await peer.tokenFor({ sub: newId(), role: 'customer' });
    const fanOutMs: number[] = [];
    let fanOutElapsed = 0;
    const acceptMs = byMoment();
    for (let round = 0; round < rounds; round++) {
      const bookingId = randomUUID();
      const everyone = Array.from({ length: size }, (_, index) => (index + round) % size);
      const received = clients.expect(round, bookingId, everyone, { acceptWhen: acceptMomentOf(round) });
      await clients.listening(round);
      const requestedAt = nowMs();
      const answer = await fetch(`${peer.base}/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: bookingId, hubId, service: 'Kitchen cleaning', pricePaise: 59_900 }),
      });
      if (answer.status !== 201) throw new Error(`the peer's booking answered ${answer.status}`);
      const { atMs } = await received;
      for (const at of atMs) fanOutMs.push(at - requestedAt);
      fanOutElapsed += Math.max(...atMs) - requestedAt;
      const accepted = await clients.accepted(round);
      if (accepted.status !== 200) throw new Error(`the peer's accept answered ${accepted.status}`);
      acceptMs[acceptMomentOf(round)].push(accepted.latencyMs);
    }
    await clients.close();
    return {
      fanOut: summarize(fanOutMs, fanOutElapsed),
      accept: {
        'wave-landed': oneByOne(acceptMs['wave-landed']),
        'first-offer': oneByOne(acceptMs['first-offer']),
      },
    };
  } finally {
    await peer.close();
  }
}

/**
 * Dispatch's fan-out: a booking confirmed (its payment captured) until every on-duty partner's WebSocket has
 * the offer, with 100 and 1000 partners connected from a separate process, against a raw `ws` broadcast of a
 * payload of the same size to the same number of sockets; and from the accept sent, until its answer and until
 * the customer's own socket has `booking.partner_assigned` (through the outbox, the bus and the push), against
 * a PostgreSQL transaction of the same shape.
 */
export async function run(): Promise<BenchOutcome> {
  const zefy = await startBenchPlatform({
    BOOKING_DISPATCH_FIRST_WAVE_SIZE: '1000',
    BOOKING_DISPATCH_TICK_MS: '100',
    BOOKING_PRESENCE_FRESH_SECONDS: '600',
  });
  const api = async <T>(path: string, init: { token: string; method?: string; json?: unknown }) => {
    const response = await fetch(`${zefy.base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token}`,
        ...(init.json === undefined
          ? {}
          : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const bus = zefy.platform.infra.bus;
  const scenarios: Scenario[] = [];
  const acceptMs = byMoment();
  const assignedMs = byMoment();
  const fanOutBySize = new Map<number, Summary>();
  try {
    const admin = await zefy.tokenFor('admin');
    const { hub, service } = await hubWithService(zefy.base, admin, {
      name: 'Kitchen cleaning',
      basePricePaise: 59_900,
    });
    const partners: Array<{ id: string; token: string }> = [];
    // in batches: a thousand sessions opened at once wait out the pool's connect timeout on a busy machine
    await inBatches(
      Array.from({ length: Math.max(...fanOuts) }, (_, index) => index),
      50,
      async (index) => {
        const id = newId();
        await bus.publish(partnerCreated(id, index, service.id, hub.id));
        partners[index] = { id, token: await zefy.tokenFor('partner', id) };
      },
    );
    let onDuty = 0;
    const busy = new Set<number>();

    /**
     * A "now" hold of a new customer with its payment order open; `pay` announces the payment captured (the
     * booking confirms on it) and answers when it did.
     */
    async function awaitingPayment(): Promise<{
      bookingId: string;
      customer: { token: string; channel: string };
      pay: () => Promise<number>;
    }> {
      const customerId = newId();
      const token = await zefy.tokenFor('customer', customerId);
      const address = await api<Address>('/api/v1/locations/addresses', {
        token,
        method: 'POST',
        json: { label: 'Home', line1: '12th Main', lat: home.lat, lng: home.lng - 0.01 },
      });
      for (;;) {
        const availability = await api<Availability>(
          `/api/v1/availability?serviceId=${service.id}&addressId=${address.id}`,
          { token },
        ).catch(() => undefined);
        if (availability?.now.available) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const hold = await api<BookingView>('/api/v1/holds', {
        token,
        method: 'POST',
        json: { serviceId: service.id, addressId: address.id, window: { kind: 'now' } },
      });
      const { orderCreated, captured } = paymentFacts(hold, customerId);
      await bus.publish(orderCreated);
      while ((await api<BookingView>(`/api/v1/bookings/${hold.id}`, { token })).status !== 'awaiting_payment')
        await new Promise((resolve) => setTimeout(resolve, 10));
      return {
        bookingId: hold.id,
        customer: { token, channel: channels.user(customerId) },
        async pay() {
          const confirmedAt = nowMs();
          await bus.publish(captured);
          return confirmedAt;
        },
      };
    }

    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    const rawUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
    try {
      for (const size of fanOuts) {
        await inBatches(partners.slice(onDuty, size), 16, async (partner) => {
          for (;;) {
            const answer = await fetch(`${zefy.base}/api/v1/partner/presence`, {
              method: 'PUT',
              headers: { authorization: `Bearer ${partner.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ online: true, ...home }),
            });
            if (answer.status === 200) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        });
        onDuty = size;
        const clients = await socketClients({
          kind: 'sockets',
          url: `${zefy.base.replace(/^http/, 'ws')}/ws`,
          clients: partners
            .slice(0, size)
            .map((partner) => ({ token: partner.token, channel: channels.partner(partner.id) })),
          acceptThrough: zefy.base,
        });
        const fanOutMs: number[] = [];
        let fanOutElapsed = 0;
        let offerBytes = 0;
        const profiling =
          profileFile && size === Math.max(...fanOuts) ? await startProfiling(profileFile) : undefined;
        for (let round = 0; round < rounds; round++) {
          const free = Array.from({ length: size }, (_, index) => index).filter((index) => !busy.has(index));
          const accepting = free[0] as number;
          const { bookingId, customer, pay } = await awaitingPayment();
          const moment = acceptMomentOf(round);
          const received = clients.expect(round, bookingId, free, { customer, acceptWhen: moment });
          await clients.listening(round);
          const confirmedAt = await pay();
          const { atMs, bytes } = await received;
          for (const at of atMs) fanOutMs.push(at - confirmedAt);
          fanOutElapsed += Math.max(...atMs) - confirmedAt;
          const accepted = await clients.accepted(round);
          if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
          acceptMs[moment].push(accepted.latencyMs);
          if (accepted.assignedMs === null) throw new Error('the customer was not watched');
          assignedMs[moment].push(accepted.assignedMs);
          busy.add(accepting);
          offerBytes = bytes;
        }
        await profiling?.stop();
        await clients.close();

        const raw = await socketClients({
          kind: 'sockets',
          url: rawUrl,
          clients: Array.from({ length: size }, () => ({})),
        });
        const rawMs: number[] = [];
        let rawElapsed = 0;
        for (let round = 0; round < rounds; round++) {
          const marker = randomUUID();
          const payload = JSON.stringify({
            type: 'event',
            channel: `partner:${marker}`,
            event: { type: 'dispatch.offers_sent', data: { bookingId: marker, padding: '' } },
          });
          const padded = payload.replace(
            '"padding":""',
            `"padding":"${'x'.repeat(Math.max(0, offerBytes - payload.length))}"`,
          );
          const received = raw.expect(
            round,
            marker,
            Array.from({ length: size }, (_, index) => index),
          );
          await raw.listening(round);
          const sentAt = nowMs();
          for (const socket of wss.clients) socket.send(padded);
          const { atMs } = await received;
          for (const at of atMs) rawMs.push(at - sentAt);
          rawElapsed += Math.max(...atMs) - sentAt;
        }
        await raw.close();
        fanOutBySize.set(size, summarize(fanOutMs, fanOutElapsed));
        scenarios.push({
          label: `booking confirmed → offer on ${size} partner sockets`,
          platform: fanOutBySize.get(size) as Summary,
          baseline: { label: `raw ws broadcast to ${size} sockets`, ...summarize(rawMs, rawElapsed) },
        });
      }
    } finally {
      wss.close();
    }

    const raw = await rawSchema(zefy.databaseUrl);
    try {
      const rawAcceptMs: number[] = [];
      for (let i = 0; i < acceptMs['wave-landed'].length; i++)
        rawAcceptMs.push(await acceptShapedTransaction(raw));
      const rawAccept = { label: 'PostgreSQL transaction of the same shape', ...oneByOne(rawAcceptMs) };
      for (const moment of acceptMoments)
        scenarios.push(
          {
            label: `accept ${acceptMomentLabel[moment]} → the customer's socket has booking.partner_assigned`,
            platform: oneByOne(assignedMs[moment]),
            baseline: rawAccept,
          },
          {
            label: `accept ${acceptMomentLabel[moment]} → assigned (the accept answered)`,
            platform: oneByOne(acceptMs[moment]),
            baseline: rawAccept,
          },
        );
    } finally {
      await raw.close();
    }

    const redis = await reachableRedis();
    const peerSize = Math.max(...fanOuts);
    if (redis) {
      const peer = await peerDispatch(redis.url, zefy.databaseUrl, peerSize);
      const label = 'peer: Express + Socket.IO + Redis adapter';
      scenarios.push(
        {
          label: `offer on ${peerSize} partner sockets (vs peer)`,
          platform: fanOutBySize.get(peerSize) as Summary,
          baseline: { label: `${label}, booking requested → offer`, ...peer.fanOut },
        },
        ...acceptMoments.map((moment) => ({
          label: `accept ${acceptMomentLabel[moment]} → assigned (vs peer)`,
          platform: oneByOne(acceptMs[moment]),
          baseline: { label: `${label}, conditional UPDATE`, ...peer.accept[moment] },
        })),
      );
    }
    return {
      scenarios,
      settings: {
        fanOuts,
        roundsPerFanOut: rounds,
        acceptMoments:
          'rounds take turns: even rounds accept once the wave has landed, odd ones at the first offer',
        clients: 'separate process, ws (the peer: socket.io-client, WebSocket transport)',
        peer: redis ? `bench/peer over ${redis.url}` : 'no Redis reachable: not run',
      },
    };
  } finally {
    await zefy.stop();
  }
}
