import { channels, type EventData, type ServerMessage } from '@zefy/contracts';
import { createEvent, ManualClock } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { bookingChannelSubscription } from './booking.consumers.ts';

const clock = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));
const journey: EventData<'booking.en_route'> = {
  bookingId: 'b-1',
  customerId: 'c-1',
  hubId: 'hub-1',
  serviceName: 'AC service',
  partnerId: 'p-1',
  partnerName: 'Asha',
  startedAt: clock.now().toISOString(),
  destination: null,
};
const enRoute = createEvent('booking.en_route', journey, { actor: { kind: 'partner', id: 'p-1' }, clock });

/** The booking's database as the channel sees it: each query it makes, answered with the timeline row. */
function channelOver(rows: object[]) {
  const queries: string[] = [];
  const published: Array<{ channel: string; message: ServerMessage }> = [];
  const db = {
    pool: {
      query: async (text: string) => {
        queries.push(text);
        return { rows };
      },
    },
    transaction: () => Promise.reject(new Error('the channel takes no transaction')),
  };
  const realtime = {
    publish: async (channel: string, message: ServerMessage) => {
      published.push({ channel, message });
    },
    publishEach: async () => {},
  };
  const subscription = bookingChannelSubscription({ db, realtime } as never);
  const deliver = () => subscription.handler(enRoute, { attempt: 1, redelivered: false });
  return { queries, published, deliver };
}

describe("the booking channel's consumer", () => {
  it('puts a booking event on its channel with its timeline sequence, in one query and no transaction', async () => {
    const row = {
      booking_id: 'b-1',
      sequence: 4,
      event_id: enRoute.id,
      type: enRoute.type,
      occurred_at: new Date(enRoute.occurredAt),
      actor: enRoute.actor,
      data: enRoute.data,
    };
    const channel = channelOver([row]);
    await channel.deliver();
    expect(channel.queries).toHaveLength(1);
    const change = {
      sequence: 4,
      eventId: enRoute.id,
      type: 'booking.en_route',
      occurredAt: enRoute.occurredAt,
    };
    expect(channel.published).toEqual([
      {
        channel: channels.booking('b-1'),
        message: {
          type: 'change',
          channel: channels.booking('b-1'),
          change: expect.objectContaining(change),
        },
      },
    ]);
  });

  it('publishes nothing for an event not on a timeline', async () => {
    const channel = channelOver([]);
    await channel.deliver();
    expect(channel.published).toEqual([]);
  });
});
