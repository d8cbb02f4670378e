import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import express from 'express';
import { Redis } from 'ioredis';
import { jwtVerify, SignJWT } from 'jose';
import pg from 'pg';
import { Server } from 'socket.io';

/**
 * The common-stack peer: dispatch's race-to-accept and tracking's position fan-out written the way most teams
 * would, Express + Socket.IO with its Redis adapter, pg and ioredis, stateless JWTs. Its own tables in a
 * scratch schema; what it skips that the platform does (outbox, idempotency, deciders, leases, trails) is
 * the point of the comparison.
 */
export interface PeerClaims {
  sub: string;
  role: 'customer' | 'partner';
  hubId?: string;
}

export async function startPeer(options: { databaseUrl: string; redisUrl: string; schema: string }) {
  const secret = new TextEncoder().encode(`peer-${options.schema}`);
  const db = new pg.Pool({
    connectionString: options.databaseUrl,
    options: `-c search_path=${options.schema}`,
  });
  await db.query(`CREATE SCHEMA ${options.schema}`);
  await db.query(`CREATE TABLE bookings (
    id uuid PRIMARY KEY, customer_id text NOT NULL, hub_id text NOT NULL, service text NOT NULL,
    price_paise integer NOT NULL, partner_id text, status text NOT NULL, assigned_at timestamptz)`);
  const redis = new Redis(options.redisUrl);
  const subscriber = redis.duplicate();
  const key = (suffix: string) => `${options.schema}:${suffix}`;

  const app = express();
  const server = createServer(app);
  const io = new Server(server, { adapter: createAdapter(redis, subscriber, { key: key('socket.io') }) });
  app.use(express.json());

  const claimsOf = async (token: string | undefined) =>
    (await jwtVerify(token ?? '', secret, { algorithms: ['HS256'] })).payload as unknown as PeerClaims;
  const auth: express.RequestHandler = async (req, res, next) => {
    try {
      res.locals.user = await claimsOf(req.headers.authorization?.replace(/^Bearer /, ''));
      next();
    } catch {
      res.status(401).json({ error: 'unauthorized' });
    }
  };

  io.use(async (socket, next) => {
    try {
      socket.data.user = await claimsOf(socket.handshake.auth.token);
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
  io.on('connection', (socket) => {
    const user = socket.data.user as PeerClaims;
    if (user.role === 'partner') socket.join(`hub:${user.hubId}`);
    socket.on('watch', async (bookingId: string, ack: (ok: boolean) => void) => {
      const { rows } = await db.query('SELECT 1 FROM bookings WHERE id = $1 AND customer_id = $2', [
        bookingId,
        user.sub,
      ]);
      if (rows.length === 1) socket.join(`booking:${bookingId}`);
      ack(rows.length === 1);
    });
  });

  app.post('/bookings', auth, async (req, res) => {
    const user = res.locals.user as PeerClaims;
    const { id, hubId, service, pricePaise } = req.body;
    await db.query(
      `INSERT INTO bookings (id, customer_id, hub_id, service, price_paise, status)
       VALUES ($1, $2, $3, $4, $5, 'searching')`,
      [id, user.sub, hubId, service, pricePaise],
    );
    io.to(`hub:${hubId}`).emit('offer', { bookingId: id, service, pricePaise });
    res.status(201).json({ id, status: 'searching' });
  });

  app.post('/bookings/:id/accept', auth, async (req, res) => {
    const user = res.locals.user as PeerClaims;
    const { rows } = await db.query(
      `UPDATE bookings SET partner_id = $2, status = 'assigned', assigned_at = now()
       WHERE id = $1 AND status = 'searching' RETURNING hub_id`,
      [req.params.id, user.sub],
    );
    if (rows.length === 0) return void res.status(409).json({ error: 'already taken' });
    io.to(`booking:${req.params.id}`).emit('assigned', { bookingId: req.params.id, partnerId: user.sub });
    io.to(`hub:${rows[0].hub_id}`).emit('offer_taken', { bookingId: req.params.id });
    res.json({ bookingId: req.params.id, status: 'assigned' });
  });

  app.post('/bookings/:id/positions', auth, async (req, res) => {
    const user = res.locals.user as PeerClaims;
    const positions = req.body.positions;
    if (!Array.isArray(positions) || positions.length === 0)
      return void res.status(400).json({ error: 'positions required' });
    const { rows } = await db.query('SELECT 1 FROM bookings WHERE id = $1 AND partner_id = $2', [
      req.params.id,
      user.sub,
    ]);
    if (rows.length === 0) return void res.status(404).json({ error: 'not your booking' });
    const latest = positions[positions.length - 1];
    await redis.set(key(`position:${req.params.id}`), JSON.stringify(latest), 'EX', 3600);
    io.to(`booking:${req.params.id}`).emit('position', { bookingId: req.params.id, position: latest });
    res.json({ accepted: positions.length, rejected: [] });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    /** A token the peer accepts, as its login would hand out. */
    tokenFor: (claims: PeerClaims) =>
      new SignJWT({ role: claims.role, hubId: claims.hubId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setExpirationTime('1h')
        .sign(secret),
    async close() {
      await new Promise((resolve) => io.close(resolve));
      const stale = await redis.keys(key('*'));
      if (stale.length > 0) await redis.del(...stale);
      redis.disconnect();
      subscriber.disconnect();
      await db.query(`DROP SCHEMA ${options.schema} CASCADE`);
      await db.end();
    },
  };
}
export type Peer = Awaited<ReturnType<typeof startPeer>>;
