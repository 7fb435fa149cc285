import {
  appointments,
  CALL_OUTCOMES,
  type CallOutcome,
  calls,
  callTurns,
  customers,
  type Executor,
  services,
} from '@receptionist/db';
import { createTestBusiness, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offsetSegments } from './offset-segments.ts';
import { loadOverviewStats, type OverviewStats, percentile } from './stats.ts';

// The overview's SQL aggregates equal a brute-force count over every row, in zones with DST (whole and
// half hour) and without, across the day a clock changes.

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

interface Seeded {
  calls: Array<{ startedAt: number; durationMs: number | null; outcome: CallOutcome | null }>;
  latencies: Array<{ createdAt: number; latencyMs: number }>;
  bookingsCreatedAt: number[];
}

/** One transaction: a commit per row would make the fixture, not the query, the slow part. */
async function seed(businessId: string, nowMs: number): Promise<Seeded> {
  return database.db.transaction((tx) => seedRows(tx, businessId, nowMs));
}

async function seedRows(db: Executor, businessId: string, nowMs: number): Promise<Seeded> {
  const seeded: Seeded = { calls: [], latencies: [], bookingsCreatedAt: [] };
  const [service] = await db
    .insert(services)
    .values({ businessId, id: 'svc_1', name: 'Cut', durationMinutes: 30 })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ businessId, phone: '+12025550100', name: 'Pat' })
    .returning();
  let at = nowMs - 32 * 86_400_000;
  for (let i = 1; at < nowMs; i++) {
    const outcome = i % 9 === 0 ? null : (CALL_OUTCOMES[i % CALL_OUTCOMES.length] ?? null);
    const durationMs = i % 11 === 0 ? null : 30_000 + (i % 17) * 7_000;
    seeded.calls.push({ startedAt: at, durationMs, outcome });
    // Uneven gaps (37 min to ~6 h) so hours and days fill differently.
    at += 37 * 60_000 + ((i * 7919) % 20_000) * 1_000;
  }
  // Multi-row inserts: a statement per row is slow against the remote (Hrana) test database.
  const rows = await db
    .insert(calls)
    .values(
      seeded.calls.map((call) => ({
        businessId,
        channel: 'phone' as const,
        engine: 'scripted',
        status: 'completed' as const,
        ...call,
      })),
    )
    .returning({ id: calls.id, startedAt: calls.startedAt });
  const turns = rows.flatMap((call, index) =>
    Array.from({ length: (index + 1) % 4 }, (_, k) => {
      const sequence = k + 1;
      const latencyMs = sequence % 2 === 0 ? null : 200 + (((index + 1) * 37 + sequence * 101) % 900);
      const createdAt = call.startedAt + sequence * 5_000;
      if (latencyMs !== null && createdAt < nowMs) seeded.latencies.push({ createdAt, latencyMs });
      return {
        businessId,
        callId: call.id,
        sequence,
        role: 'agent' as const,
        text: 'ok',
        latencyMs,
        createdAt,
      };
    }),
  );
  for (let from = 0; from < turns.length; from += 200) {
    await db.insert(callTurns).values(turns.slice(from, from + 200));
  }
  const booked = rows.filter((_, index) => (index + 1) % 5 === 0);
  await db.insert(appointments).values(
    booked.map((call, k) => {
      seeded.bookingsCreatedAt.push(call.startedAt);
      const startAt = nowMs + (k + 1) * 3_600_000;
      return {
        businessId,
        serviceId: service!.id,
        customerId: customer!.id,
        startAt,
        endAt: startAt + 1_800_000,
        blockedUntil: startAt + 1_800_000,
        createdByCallId: call.id,
        createdAt: call.startedAt,
      };
    }),
  );
  return seeded;
}

/** The overview computed row by row with luxon: the definition the SQL must meet. */
function bruteForce(seeded: Seeded, timeZone: string, nowMs: number): OverviewStats {
  const now = DateTime.fromMillis(nowMs, { zone: timeZone });
  const today = now.startOf('day');
  const end = today.plus({ days: 1 }).toMillis();
  const weekStart = now.startOf('week').toMillis();
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone });
  const inWindow = (ms: number, from: number) => ms >= from && ms < end;
  const week = seeded.calls.filter((c) => inWindow(c.startedAt, weekStart));
  const durations = week.flatMap((c) => (c.durationMs === null ? [] : [c.durationMs]));
  const thirty = seeded.calls.filter((c) => inWindow(c.startedAt, today.minus({ days: 29 }).toMillis()));
  const outcomes = [...CALL_OUTCOMES, 'unknown' as const]
    .map((outcome) => ({ outcome, calls: thirty.filter((c) => (c.outcome ?? 'unknown') === outcome).length }))
    .filter((row) => row.calls > 0);
  const days = (n: number) =>
    Array.from({ length: n }, (_, k) => today.minus({ days: n - 1 - k }).toISODate() ?? '');
  const sevenStart = today.minus({ days: 6 }).toMillis();
  const latencies = seeded.latencies.filter((t) => inWindow(t.createdAt, sevenStart));
  const sortedOf = (rows: typeof latencies) => rows.map((t) => t.latencyMs).sort((a, b) => a - b);
  return {
    callsToday: seeded.calls.filter((c) => inWindow(c.startedAt, today.toMillis())).length,
    callsThisWeek: week.length,
    bookingsThisWeek: seeded.bookingsCreatedAt.filter((at) => inWindow(at, weekStart)).length,
    averageCallMs:
      durations.length === 0 ? null : Math.round(durations.reduce((a, b) => a + b, 0) / durations.length),
    outcomes,
    busiestHours: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      calls: thirty.filter((c) => local(c.startedAt).hour === hour).length,
    })),
    callsPerDay: days(14).map((day) => ({
      day,
      calls: seeded.calls.filter((c) => c.startedAt < end && local(c.startedAt).toISODate() === day).length,
    })),
    latencyPerDay: days(7).map((day) => {
      const values = sortedOf(latencies.filter((t) => local(t.createdAt).toISODate() === day));
      return { day, p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
    }),
    latency: {
      p50: percentile(sortedOf(latencies), 0.5),
      p95: percentile(sortedOf(latencies), 0.95),
      turns: latencies.length,
    },
  };
}

describe('loadOverviewStats', () => {
  it.each([
    ['America/New_York', '2026-03-20T15:00:00Z'],
    ['America/New_York', '2026-03-08T12:00:00Z'],
    ['Europe/London', '2026-10-27T23:30:00Z'],
    ['Asia/Kolkata', '2026-05-05T20:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-10T03:00:00Z'],
    ['UTC', '2026-01-01T00:30:00Z'],
  ])('counts in SQL what a row-by-row count finds, in %s at %s', async (timeZone, nowIso) => {
    const nowMs = Date.parse(nowIso);
    const business = await createTestBusiness(database.db, { timeZone });
    const seeded = await seed(business.id, nowMs);
    const expected = bruteForce(seeded, timeZone, nowMs);
    expect(expected.callsThisWeek).toBeGreaterThan(0);
    expect(expected.latency.turns).toBeGreaterThan(10);
    const other = await createTestBusiness(database.db, { timeZone });
    await seed(other.id, nowMs);
    expect(await loadOverviewStats(database.db, business.id, timeZone, nowMs)).toEqual(expected);
  });

  it('shows zeros and empty percentiles for a business with no calls', async () => {
    const business = await createTestBusiness(database.db, { timeZone: 'UTC' });
    const stats = await loadOverviewStats(
      database.db,
      business.id,
      'UTC',
      Date.parse('2026-06-01T10:00:00Z'),
    );
    expect(stats).toMatchObject({ callsToday: 0, callsThisWeek: 0, averageCallMs: null, outcomes: [] });
    expect(stats.latency).toEqual({ p50: null, p95: null, turns: 0 });
    expect(stats.callsPerDay).toHaveLength(14);
    expect(stats.latencyPerDay.every((day) => day.p50 === null)).toBe(true);
  });
});

describe('offsetSegments', () => {
  it('cuts a window at each clock change, to the millisecond', () => {
    const from = Date.parse('2026-03-01T05:00:00Z');
    const to = Date.parse('2026-11-10T05:00:00Z');
    const segments = offsetSegments('America/New_York', from, to);
    expect(segments).toEqual([
      { from, to: Date.parse('2026-03-08T07:00:00Z'), offsetMs: -5 * 3_600_000 },
      {
        from: Date.parse('2026-03-08T07:00:00Z'),
        to: Date.parse('2026-11-01T06:00:00Z'),
        offsetMs: -4 * 3_600_000,
      },
      { from: Date.parse('2026-11-01T06:00:00Z'), to, offsetMs: -5 * 3_600_000 },
    ]);
    expect(offsetSegments('Asia/Kolkata', from, to)).toEqual([{ from, to, offsetMs: 19_800_000 }]);
  });
});
