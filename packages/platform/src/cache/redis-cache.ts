import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Cache, GeoMember } from './cache.ts';

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key and channel, so deployments or test runs sharing one server stay apart. */
  keyPrefix?: string;
  /** Shown in CLIENT LIST; the subscriber connection gets a `:subscriber` suffix. */
  connectionName?: string;
  logger?: Logger;
}

type Handler = (message: string) => void;

interface ChannelSubscription {
  handlers: Set<Handler>;
  /** Settles when Redis confirms SUBSCRIBE; later handlers on the channel wait for the same confirmation. */
  confirmed: Promise<unknown>;
}

// GEOSEARCH … WITHDIST WITHCOORD answers [member, distance, [lon, lat]] per match, numbers as strings.
type GeoSearchReply = Array<[member: string, distance: string, coordinates: [lon: string, lat: string]]>;

// GET then DEL in one script, so nobody can set the key between the compare and the delete.
const compareAndDelete = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

// GET, compare, SET in one script. ARGV: [has expected (1/0), expected, value, ttl ms or 0]. A key of another
// type fails GET with WRONGTYPE, as in the memory adapter.
const compareAndSet = `local current = redis.call('get', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then return 0 end
if ARGV[4] == '0' then redis.call('set', KEYS[1], ARGV[3]) else redis.call('set', KEYS[1], ARGV[3], 'PX', ARGV[4]) end
return 1`;

// Commands queue while (re)connecting, then fail after this many reconnect attempts instead of hanging.
const maxRetriesPerRequest = 3;

// Checked here because inside MULTI (or a script) a rejected PX would not undo the writes before it.
function assertTtl(ttlMs: number, command: string): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new Error(`ERR invalid expire time in '${command}' command`);
  }
}

async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
}

/** Redis adapter: one command connection plus a subscriber connection opened on first subscribe. */
export function createRedisCache(options: RedisCacheOptions): Cache {
  const prefix = options.keyPrefix ?? '';
  const connectionName = options.connectionName ?? 'cache';
  const channels = new Map<string, ChannelSubscription>();
  const commands = connect(connectionName);
  let subscriber: Redis | undefined;
  let isClosing = false;

  function connect(name: string): Redis {
    // ioredis reconnects on its own and, by default, resubscribes the subscriber's channels when it does.
    const connection = new Redis(options.url, { connectionName: name, maxRetriesPerRequest });
    connection.on('error', (error: Error) => {
      options.logger?.warn({ err: error, connection: name }, 'redis connection error');
    });
    return connection;
  }

  async function incrWithTtl(key: string, by: number, ttlMs: number) {
    assertTtl(ttlMs, 'incr');
    // SET NX creates the counter with its TTL only when absent; MULTI makes it, the increment and the read
    // of the TTL one atomic step and one round trip.
    const replies = await commands
      .multi()
      .set(prefix + key, '0', 'PX', ttlMs, 'NX')
      .incrby(prefix + key, by)
      .pttl(prefix + key)
      .exec();
    const [incrReply, pttlReply] = [replies?.[1], replies?.[2]];
    if (!incrReply || !pttlReply) throw new Error('MULTI for incr was aborted');
    const [error, value] = incrReply;
    if (error) throw error;
    const [, remaining] = pttlReply;
    if (typeof value !== 'number' || typeof remaining !== 'number')
      throw new Error(`unexpected INCRBY or PTTL reply: ${String(value)}, ${String(remaining)}`);
    // -1: no expiry (a counter set without one)
    return { value, ttlMs: remaining < 0 ? null : remaining };
  }

  function reportHandlerError(channel: string, error: unknown): void {
    if (options.logger) {
      options.logger.error({ err: error, channel }, 'cache subscription handler failed');
    } else {
      console.error(`cache subscription handler failed on ${channel}`, error);
    }
  }

  function subscriberConnection(): Redis {
    if (subscriber) return subscriber;
    subscriber = connect(`${connectionName}:subscriber`);
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of channels.get(channel)?.handlers ?? []) {
        // A throwing handler must not starve the others or break ioredis's reply parsing.
        try {
          handler(message);
        } catch (error) {
          reportHandlerError(channel, error);
        }
      }
    });
    return subscriber;
  }

  return {
    async get(key) {
      return commands.get(prefix + key);
    },

    async mget(keys) {
      if (keys.length === 0) return [];
      return commands.mget(keys.map((key) => prefix + key));
    },

    async set(key, value, setOptions) {
      if (setOptions?.ttlMs === undefined) await commands.set(prefix + key, value);
      else await commands.set(prefix + key, value, 'PX', setOptions.ttlMs);
    },

    async setIfAbsent(key, value, ttlMs) {
      return (await commands.set(prefix + key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },

    async del(...keys) {
      if (keys.length === 0) return 0;
      return commands.del(...keys.map((key) => prefix + key));
    },

    async compareAndSet(key, expected, value, setOptions) {
      const ttlMs = setOptions?.ttlMs;
      if (ttlMs !== undefined) assertTtl(ttlMs, 'incr');
      const args = [expected === null ? '0' : '1', expected ?? '', value, String(ttlMs ?? 0)];
      return (await commands.eval(compareAndSet, 1, prefix + key, ...args)) === 1;
    },

    async deleteIfEquals(key, value) {
      return (await commands.eval(compareAndDelete, 1, prefix + key, value)) === 1;
    },

    async ttlMs(key) {
      const remaining = await commands.pttl(prefix + key);
      // -2: no such key, -1: no expiry.
      return remaining < 0 ? null : remaining;
    },

    async incr(key, by = 1, ttlMs) {
      if (ttlMs === undefined) return commands.incrby(prefix + key, by);
      return (await incrWithTtl(key, by, ttlMs)).value;
    },

    incrWithTtl,

    async hset(key, fields) {
      if (Object.keys(fields).length === 0) return;
      await commands.hset(prefix + key, fields);
    },

    async hget(key, field) {
      return commands.hget(prefix + key, field);
    },

    async hgetall(key) {
      return commands.hgetall(prefix + key);
    },

    async hdel(key, ...fields) {
      if (fields.length === 0) return 0;
      return commands.hdel(prefix + key, ...fields);
    },

    async geoAdd(key, lon, lat, member) {
      await commands.geoadd(prefix + key, lon, lat, member);
    },

    async geoRemove(key, member) {
      await commands.zrem(prefix + key, member);
    },

    async geoSearch(key, lon, lat, radiusM, count) {
      const limit = count === undefined ? [] : ['COUNT', count];
      const reply = (await commands.geosearch(
        prefix + key,
        'FROMLONLAT',
        lon,
        lat,
        'BYRADIUS',
        radiusM,
        'm',
        'ASC',
        'WITHDIST',
        'WITHCOORD',
        ...limit,
      )) as GeoSearchReply;
      return reply.map(
        ([member, distance, [memberLon, memberLat]]): GeoMember => ({
          member,
          distanceM: Number(distance),
          lon: Number(memberLon),
          lat: Number(memberLat),
        }),
      );
    },

    async publish(channel, message) {
      return commands.publish(prefix + channel, message);
    },

    async publishEach(messages) {
      if (messages.length === 0) return;
      const pipeline = commands.pipeline();
      for (const { channel, message } of messages) pipeline.publish(prefix + channel, message);
      const failed = (await pipeline.exec())?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    },

    async subscribe(channel, handler) {
      const redisChannel = prefix + channel;
      // A wrapper gives each subscription its own identity, even for a handler subscribed twice.
      const subscription: Handler = (message) => handler(message);
      let shared = channels.get(redisChannel);
      if (!shared) {
        shared = { handlers: new Set(), confirmed: subscriberConnection().subscribe(redisChannel) };
        channels.set(redisChannel, shared);
      }
      const channelSubscription = shared;
      channelSubscription.handlers.add(subscription);

      const removeHandler = (): boolean => {
        if (!channelSubscription.handlers.delete(subscription)) return false;
        const isLast =
          channelSubscription.handlers.size === 0 && channels.get(redisChannel) === channelSubscription;
        if (isLast) channels.delete(redisChannel);
        return isLast;
      };

      try {
        await channelSubscription.confirmed;
      } catch (error) {
        removeHandler();
        throw error;
      }
      return async () => {
        // Sent in the same tick as the map update, so a later SUBSCRIBE is ordered after this UNSUBSCRIBE.
        if (removeHandler()) await subscriber?.unsubscribe(redisChannel);
      };
    },

    isHealthy() {
      if (isClosing) return false;
      return commands.status === 'ready' && (subscriber === undefined || subscriber.status === 'ready');
    },

    async close() {
      isClosing = true;
      channels.clear();
      await Promise.all([quit(commands), subscriber && quit(subscriber)]);
    },
  };
}
