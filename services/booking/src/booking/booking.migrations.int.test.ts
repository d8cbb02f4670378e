import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDatabase, migrate, newId } from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';
import { expect, inject, it } from 'vitest';
import { bookingChannelGroup, bookingRealtimeGroup } from './booking.consumers.ts';

const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

it("deletes the inbox rows the booking channel's consumer wrote before it stopped writing them, and no other group's", async () => {
  const database = await createTestDatabase(inject('databaseUrl'));
  const earlier = await mkdtemp(path.join(tmpdir(), 'zefy-booking-migrations-'));
  const db = connectDatabase({ url: database.url, schema: 'booking', max: 2 });
  try {
    const files = (await readdir(migrationsDir)).filter((file) => file < '0009');
    await Promise.all(
      files.map((file) => copyFile(path.join(migrationsDir, file), path.join(earlier, file))),
    );
    await migrate(db, earlier);
    for (const consumer of [bookingChannelGroup, bookingChannelGroup, bookingRealtimeGroup]) {
      await db.pool.query(
        "INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, 'booking.confirmed')",
        [consumer, newId()],
      );
    }

    expect(await migrate(db, migrationsDir)).toContain('0009_retired_booking_channel_inbox.sql');
    const { rows } = await db.pool.query<{ consumer: string }>('SELECT consumer FROM inbox');
    expect(rows).toEqual([{ consumer: bookingRealtimeGroup }]);
  } finally {
    await db.close();
    await rm(earlier, { recursive: true, force: true });
    await database.drop();
  }
});
