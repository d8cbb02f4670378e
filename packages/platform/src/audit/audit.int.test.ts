import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { executionContext } from '../context.ts';
import { ManualClock } from '../core/clock.ts';
import { connectDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { listAuditEntries, recordAudit } from './audit.ts';

let database: TestDatabase;
let db: Database;
let noMigrations: string;
const clock = new ManualClock(new Date('2026-05-01T09:00:00Z'));
const admin = { id: 'a1', role: 'admin' as const };

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  noMigrations = await mkdtemp(path.join(tmpdir(), 'zefy-audit-'));
  db = connectDatabase({ url: database.url, schema: 'audited_svc', max: 2 });
  await migrate(db, noMigrations);
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
  await rm(noMigrations, { recursive: true, force: true });
});

it('records admin actions with the change and its correlation id, only when the transaction commits', async () => {
  await executionContext.run({ correlationId: 'corr-1' }, () =>
    db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actor: admin,
          action: 'hub.created',
          resourceType: 'hub',
          resourceId: 'h1',
          before: null,
          after: { name: 'A' },
        },
        clock,
      ),
    ),
  );
  await expect(
    db.transaction(async (tx) => {
      await recordAudit(
        tx,
        {
          actor: admin,
          action: 'hub.deleted',
          resourceType: 'hub',
          resourceId: 'h1',
          before: { name: 'A' },
          after: null,
        },
        clock,
      );
      throw new Error('the change failed');
    }),
  ).rejects.toThrow('the change failed');
  clock.advance(60_000);
  await db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: admin,
        action: 'hub.renamed',
        resourceType: 'hub',
        resourceId: 'h1',
        before: { name: 'A' },
        after: { name: 'B' },
      },
      clock,
    ),
  );

  const page = await listAuditEntries(db.pool, { resourceId: 'h1', limit: 1 });
  expect(page.items).toMatchObject([{ action: 'hub.renamed', before: { name: 'A' }, after: { name: 'B' } }]);
  const next = await listAuditEntries(db.pool, { resourceId: 'h1', limit: 1, before: page.nextCursor ?? '' });
  expect(next).toEqual({
    items: [
      {
        id: expect.any(String),
        occurredAt: '2026-05-01T09:00:00.000Z',
        actor: admin,
        action: 'hub.created',
        resourceType: 'hub',
        resourceId: 'h1',
        before: null,
        after: { name: 'A' },
        correlationId: 'corr-1',
      },
    ],
    nextCursor: null,
  });
});
