import { fileURLToPath } from 'node:url';
import { connectDatabase, type Database, ManualClock, migrate, type Transaction } from '@zefy/platform';
import { createTestDatabase, type TestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decideHub } from './hubs.commands.ts';
import { insertHub, lockHub, saveHub } from './hubs.repository.ts';
import { createHubResolver } from './hubs.resolver.ts';
import { hubDecider } from './hubs.ts';

let database: TestDatabase;
let db: Database;
const clock = new ManualClock();
const actor = { kind: 'admin' as const, id: 'test' };
type Position = [number, number];
const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): Position[] => [
  [minLng, minLat],
  [maxLng, minLat],
  [maxLng, maxLat],
  [minLng, maxLat],
  [minLng, minLat],
];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  db = connectDatabase({ url: database.url, schema: 'locations', max: 5 });
  await migrate(db, fileURLToPath(new URL('../../migrations', import.meta.url)));
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function createHub(name: string, ring: Position[]) {
  const { hub, events } = decideHub(
    clock,
    {
      type: 'CreateHub',
      id: crypto.randomUUID(),
      input: {
        name,
        city: 'Bengaluru',
        timezone: 'Asia/Kolkata',
        polygon: { type: 'Polygon', coordinates: [ring] },
      },
    },
    hubDecider.initialState,
    actor,
  );
  await db.transaction((tx) => insertHub(tx, hub, events));
  return hub;
}

/** Resolves inside a transaction holding the shared hub-map lock, as address writes do. */
const resolveLocked = (resolver: ReturnType<typeof createHubResolver>, [lng, lat]: Position) =>
  db.transaction(async (tx: Transaction) => (await resolver.lockedLookup(tx))(lat, lng).hubId);

describe('hub resolver over PostgreSQL', () => {
  it('makes a resolution wait for a hub edit in progress, then answers with the new outline', async () => {
    const hub = await createHub('Indiranagar', rect(77.6, 12.9, 77.7, 13.0));
    const resolver = createHubResolver();
    const pin: Position = [77.75, 12.95];
    expect(await resolveLocked(resolver, pin)).toBeNull();

    let commitEdit: () => void = () => undefined;
    const editCommittable = new Promise<void>((resolve) => {
      commitEdit = resolve;
    });
    const edit = db.transaction(async (tx) => {
      const current = await lockHub(tx, hub.id);
      const moved = decideHub(
        clock,
        {
          type: 'EditHub',
          patch: { polygon: { type: 'Polygon', coordinates: [rect(77.7, 12.9, 77.8, 13.0)] } },
        },
        { status: 'listed', hub: current },
        actor,
      );
      await saveHub(tx, moved.hub, moved.events);
      await editCommittable;
    });

    const waiting = resolveLocked(resolver, pin);
    try {
      // the resolution is queued behind the edit's exclusive lock (seen in pg_locks of this database)
      await expect
        .poll(
          async () => {
            const { rows } = await db.pool.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'advisory' AND NOT granted
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            );
            return rows[0]?.n;
          },
          { timeout: 10_000 },
        )
        .toBe(1);
    } finally {
      commitEdit();
    }
    await edit;
    expect(await waiting).toBe(hub.id);
  });

  it('reloads when another instance changed the hubs, and keeps its index otherwise', async () => {
    const resolver = createHubResolver();
    const pin: Position = [10.05, 10.05];
    const before = await resolver.index(db.pool);
    expect(before.resolve(pin)).toBeUndefined();
    expect(await resolver.index(db.pool)).toBe(before);
    const hub = await createHub('Testpur', rect(10, 10, 10.1, 10.1));
    const after = await resolver.index(db.pool);
    expect(after).not.toBe(before);
    expect(after.resolve(pin)?.id).toBe(hub.id);
  });
});
