import { dirname, join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import {
  claimStreamToken,
  closeInterruptedCalls,
  findBusinessByPhoneNumber,
  findCallByTwilioSid,
} from './lookups.ts';
import { defaultMigrationsFolder } from './migrate.ts';
import { forBusiness } from './tenant/index.ts';
import {
  createTestBusiness,
  createTestCall,
  createTestDatabase,
  startHranaServer,
  type TestDatabase,
} from './testing/index.ts';

// Every migration file, each applied exactly once (counted, so adding a migration needs no edit here).
const MIGRATION_COUNT = readMigrationFiles({ migrationsFolder: defaultMigrationsFolder() }).length;

const databases: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.cleanup()));
});

describe('openDatabase', () => {
  it('uses WAL and foreign keys, and re-opening applies no migration twice', async () => {
    const { db, url } = await freshDatabase();
    const journal = await db.$client.execute('PRAGMA journal_mode');
    expect(journal.rows[0]?.[0]).toBe('wal');
    const second = await openDatabase({ url });
    try {
      const applied = await second.$client.execute('SELECT count(*) FROM __drizzle_migrations');
      const files = await second.$client.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'appointments_no_overlap%'",
      );
      expect(MIGRATION_COUNT).toBeGreaterThanOrEqual(3);
      expect(Number(applied.rows[0]?.[0])).toBe(MIGRATION_COUNT);
      expect(Number(files.rows[0]?.[0])).toBe(2);
      const fk = await second.$client.execute('PRAGMA foreign_keys');
      expect(Number(fk.rows[0]?.[0])).toBe(1);
    } finally {
      closeDatabase(second);
    }
  });

  it('opens a one-connection client whose commits skip the fsync when asked (synchronous: normal)', async () => {
    // A file setting: always on a local file, also when the suite runs against a remote database.
    const local = await createTestDatabase({ kind: 'file' });
    databases.push(local);
    const { url } = local;
    await expect(openDatabase({ url, migrate: false, synchronous: 'normal' })).rejects.toMatchObject({
      code: 'connect_failed',
    });
    const quick = await openDatabase({ url, migrate: false, synchronous: 'normal', connections: 1 });
    try {
      await quick.$client.execute("insert into stream_tokens (id, expires_at, used_at) values ('n', 1, 1)");
      // 1 = NORMAL, on the one connection every statement of this client uses.
      expect(Number((await quick.$client.execute('PRAGMA synchronous')).rows[0]?.[0])).toBe(1);
    } finally {
      closeDatabase(quick);
    }
  });

  it('migrates once when several processes open a new database at the same time', async () => {
    const { path, kind } = await freshDatabase();
    const racePath = join(dirname(path), 'race.db');
    // Against a remote database the race goes through one server, as processes sharing Turso would.
    const server = kind === 'hrana' ? await startHranaServer({ file: racePath }) : undefined;
    const fresh = server?.url ?? `file:${racePath}`;
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ url: fresh })));
    try {
      const applied = await opened[0]!.$client.execute('SELECT count(*) FROM __drizzle_migrations');
      expect(Number(applied.rows[0]?.[0])).toBe(MIGRATION_COUNT);
    } finally {
      for (const db of opened) closeDatabase(db);
      await server?.close();
    }
  });
});

describe('in-process write lock', () => {
  it('turns a write that would deadlock behind an open transaction into a busy error, then recovers', async () => {
    const { url } = await freshDatabase();
    const db = await openDatabase({ url, busyTimeoutMs: 50 });
    try {
      const tx = await db.$client.transaction('write');
      await tx.execute("insert into stream_tokens (id, expires_at, used_at) values ('in-tx', 1, 1)");
      await expect(
        db.$client.execute("insert into stream_tokens (id, expires_at, used_at) values ('outside', 1, 1)"),
      ).rejects.toMatchObject({ code: 'busy' });
      // Reads do not queue behind the writer.
      expect((await db.$client.execute('select count(*) from stream_tokens')).rows[0]?.[0]).toBe(0);
      await tx.commit();
      await db.$client.execute("insert into stream_tokens (id, expires_at, used_at) values ('after', 1, 1)");
      expect((await db.$client.execute('select count(*) from stream_tokens')).rows[0]?.[0]).toBe(2);
    } finally {
      closeDatabase(db);
    }
  });
});

describe('call log', () => {
  it('creates, appends turns in order, records tool calls idempotently and ends once', async () => {
    const { db } = await freshDatabase();
    const business = await createTestBusiness(db);
    const tenant = forBusiness(db, business.id);
    const call = await tenant.calls.create({
      channel: 'phone',
      twilioCallSid: 'CA123',
      fromNumber: '+12025550123',
      toNumber: '+15005550006',
      engine: 'local',
      status: 'ringing',
      startedAt: 1_000,
    });
    const again = await tenant.calls.create({
      channel: 'phone',
      twilioCallSid: 'CA123',
      engine: 'local',
      status: 'ringing',
    });
    expect(again.id).toBe(call.id);

    const turns = await Promise.all(
      ['hello', 'I need a cleaning', 'sure'].map((text, index) =>
        tenant.calls.appendTurn(call.id, { role: index % 2 === 0 ? 'agent' : 'caller', text }),
      ),
    );
    expect(turns.map((turn) => turn.sequence).sort()).toEqual([1, 2, 3]);

    await tenant.calls.recordToolCall(call.id, {
      toolCallId: 't1',
      name: 'check_availability',
      arguments: { date: '2030-01-02' },
      result: { ok: true, message: 'free' },
      status: 'ok',
      latencyMs: 12,
    });
    await tenant.calls.recordToolCall(call.id, {
      toolCallId: 't1',
      name: 'check_availability',
      arguments: { date: '2030-01-02' },
      result: { ok: true, message: 'free' },
      status: 'ok',
      latencyMs: 40,
    });

    const ended = await tenant.calls.end(call.id, {
      status: 'completed',
      endReason: 'caller_hangup',
      endedAt: 61_000,
    });
    expect(ended.durationMs).toBe(60_000);
    const endedAgain = await tenant.calls.end(call.id, {
      status: 'failed',
      endReason: 'late',
      endedAt: 99_000,
    });
    expect(endedAgain.status).toBe('completed');
    expect(endedAgain.endReason).toBe('caller_hangup');

    const detail = await tenant.calls.get(call.id);
    expect(detail?.turns.map((turn) => turn.text)).toHaveLength(3);
    expect(detail?.toolCalls).toHaveLength(1);
    expect(detail?.toolCalls[0]?.latencyMs).toBe(40);
    expect((await findCallByTwilioSid(db, 'CA123'))?.id).toBe(call.id);
  });

  it('closes calls a crash left open as interrupted', async () => {
    const { db } = await freshDatabase();
    const business = await createTestBusiness(db);
    const open = await createTestCall(db, business.id, { status: 'in_progress' });
    const done = await createTestCall(db, business.id, { status: 'in_progress' });
    await forBusiness(db, business.id).calls.end(done.id, {
      status: 'completed',
      endReason: 'caller_hangup',
    });
    const closed = await closeInterruptedCalls(db);
    expect(closed.map((row) => row.id)).toEqual([open.id]);
    expect((await forBusiness(db, business.id).calls.get(open.id))?.status).toBe('interrupted');
  });
});

describe('call list', () => {
  it('filters by status, outcome and transcript text, and pages with a keyset cursor', async () => {
    const { db } = await freshDatabase();
    const business = await createTestBusiness(db);
    const tenant = forBusiness(db, business.id);
    const made = [];
    for (let index = 0; index < 5; index += 1) {
      // Two calls share a start time so the cursor must break ties by id.
      made.push(await createTestCall(db, business.id, { startedAt: 10_000 + Math.min(index, 3) * 1_000 }));
    }
    await tenant.calls.appendTurn(made[1]!.id, { role: 'caller', text: 'I need 50% off_peak' });
    await tenant.calls.setSummary(made[2]!.id, { outcome: 'booked' });
    await tenant.calls.end(made[2]!.id, { status: 'completed', endReason: 'caller_hangup' });

    expect((await tenant.calls.list({ search: '50% OFF_' })).map((row) => row.id)).toEqual([made[1]!.id]);
    expect(await tenant.calls.list({ search: '100%' })).toEqual([]);
    expect((await tenant.calls.list({ outcome: 'booked' })).map((row) => row.id)).toEqual([made[2]!.id]);
    expect((await tenant.calls.list({ status: 'completed' })).map((row) => row.id)).toEqual([made[2]!.id]);

    const seen: string[] = [];
    let after: { startedAt: number; id: string } | undefined;
    for (;;) {
      const page = await tenant.calls.list({ limit: 2, after });
      if (page.length === 0) break;
      seen.push(...page.map((row) => row.id));
      const last = page.at(-1)!;
      after = { startedAt: last.startedAt, id: last.id };
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});

describe('lookups', () => {
  it('claims a stream token exactly once, even from separate clients on one file', async () => {
    const { db, url } = await freshDatabase();
    const other = await openDatabase({ url });
    try {
      const results = await Promise.all([
        claimStreamToken(db, 'tok_1', Date.now() + 60_000),
        claimStreamToken(other, 'tok_1', Date.now() + 60_000),
        claimStreamToken(db, 'tok_1', Date.now() + 60_000),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      closeDatabase(other);
    }
  });

  it('finds the business that owns a called number', async () => {
    const { db } = await freshDatabase();
    const a = await createTestBusiness(db);
    const b = await createTestBusiness(db);
    await forBusiness(db, a.id).phoneNumbers.add('+15005550006');
    await expect(forBusiness(db, b.id).phoneNumbers.add('+15005550006')).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await findBusinessByPhoneNumber(db, '+15005550006'))?.id).toBe(a.id);
    expect(await findBusinessByPhoneNumber(db, '+15005550007')).toBeUndefined();
  });
});
