import {
  appointments,
  CALL_OUTCOMES,
  type CallOutcome,
  type CallRow,
  calls,
  callTurns,
  type Database,
} from '@receptionist/db';
import { and, avg, count, desc, eq, exists, gte, isNotNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';

/**
 * The implementations the dashboard used before its reads moved into SQL, kept only as the benchmark's
 * named peers (bench/dashboard.bench.ts) so each run shows the ratio: the overview's totals counted in
 * memory over every row of the window, and transcript search as a LIKE scan over every turn.
 */
interface OverviewStats {
  callsToday: number;
  callsThisWeek: number;
  bookingsThisWeek: number;
  averageCallMs: number | null;
  outcomes: Array<{ outcome: CallOutcome | 'unknown'; calls: number }>;
  /** Calls per local hour of day over the last 30 days. */
  busiestHours: Array<{ hour: number; calls: number }>;
  /** Calls per local day over the last 14 days, oldest first. */
  callsPerDay: Array<{ day: string; calls: number }>;
  /** Per-turn latency (caller end of speech → first agent audio) per day, last 7 days. */
  latencyPerDay: Array<{ day: string; p50: number | null; p95: number | null }>;
  latency: { p50: number | null; p95: number | null; turns: number };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** The overview before: rows of the windows loaded and counted in memory. */
export async function loadOverviewStatsInMemory(
  db: Database,
  businessId: string,
  timeZone: string,
  nowMs: number,
): Promise<OverviewStats> {
  const now = DateTime.fromMillis(nowMs, { zone: timeZone });
  const todayStart = now.startOf('day').toMillis();
  const weekStart = now.startOf('week').toMillis();
  const fourteenDaysStart = now.startOf('day').minus({ days: 13 });
  const thirtyDaysStart = now.startOf('day').minus({ days: 29 }).toMillis();
  const sevenDaysStart = now.startOf('day').minus({ days: 6 });
  const mine = eq(calls.businessId, businessId);

  const [weekRow] = await db
    .select({ calls: count(), averageMs: avg(calls.durationMs) })
    .from(calls)
    .where(and(mine, gte(calls.startedAt, weekStart)));
  const [todayRow] = await db
    .select({ calls: count() })
    .from(calls)
    .where(and(mine, gte(calls.startedAt, todayStart)));
  const [bookingRow] = await db
    .select({ bookings: count() })
    .from(appointments)
    .where(and(eq(appointments.businessId, businessId), gte(appointments.createdAt, weekStart)));
  const outcomeRows = await db
    .select({ outcome: calls.outcome, calls: count() })
    .from(calls)
    .where(and(mine, gte(calls.startedAt, thirtyDaysStart)))
    .groupBy(calls.outcome);
  const recentStarts = await db
    .select({ startedAt: calls.startedAt })
    .from(calls)
    .where(and(mine, gte(calls.startedAt, thirtyDaysStart)));
  const latencyRows = await db
    .select({ latencyMs: callTurns.latencyMs, createdAt: callTurns.createdAt })
    .from(callTurns)
    .where(
      and(
        eq(callTurns.businessId, businessId),
        gte(callTurns.createdAt, sevenDaysStart.toMillis()),
        isNotNull(callTurns.latencyMs),
      ),
    );

  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, calls: 0 }));
  const perDay = new Map<string, number>();
  for (let i = 0; i < 14; i++) perDay.set(fourteenDaysStart.plus({ days: i }).toISODate() ?? '', 0);
  for (const { startedAt } of recentStarts) {
    const local = DateTime.fromMillis(startedAt, { zone: timeZone });
    const bucket = hours[local.hour];
    if (bucket) bucket.calls += 1;
    const day = local.toISODate() ?? '';
    if (perDay.has(day)) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }

  const latencyByDay = new Map<string, number[]>();
  for (let i = 0; i < 7; i++) latencyByDay.set(sevenDaysStart.plus({ days: i }).toISODate() ?? '', []);
  const allLatencies: number[] = [];
  for (const row of latencyRows) {
    if (row.latencyMs === null) continue;
    allLatencies.push(row.latencyMs);
    latencyByDay
      .get(DateTime.fromMillis(row.createdAt, { zone: timeZone }).toISODate() ?? '')
      ?.push(row.latencyMs);
  }
  allLatencies.sort((a, b) => a - b);

  const outcomeCounts = new Map(outcomeRows.map((row) => [row.outcome ?? 'unknown', row.calls]));
  return {
    callsToday: todayRow?.calls ?? 0,
    callsThisWeek: weekRow?.calls ?? 0,
    bookingsThisWeek: bookingRow?.bookings ?? 0,
    averageCallMs: weekRow?.averageMs == null ? null : Math.round(Number(weekRow.averageMs)),
    outcomes: [...CALL_OUTCOMES, 'unknown' as const]
      .map((outcome) => ({ outcome, calls: outcomeCounts.get(outcome) ?? 0 }))
      .filter((row) => row.calls > 0),
    busiestHours: hours,
    callsPerDay: [...perDay].map(([day, n]) => ({ day, calls: n })),
    latencyPerDay: [...latencyByDay].map(([day, values]) => {
      values.sort((a, b) => a - b);
      return { day, p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
    }),
    latency: {
      p50: percentile(allLatencies, 0.5),
      p95: percentile(allLatencies, 0.95),
      turns: allLatencies.length,
    },
  };
}

/** The call list's search before: a LIKE scan of each call's turns, newest call first. */
export async function listCallsLikeScan(
  db: Database,
  businessId: string,
  search: string,
  limit: number,
): Promise<CallRow[]> {
  const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db
    .select()
    .from(calls)
    .where(
      and(
        eq(calls.businessId, businessId),
        exists(
          db
            .select({ one: callTurns.id })
            .from(callTurns)
            .where(
              and(
                eq(callTurns.businessId, businessId),
                eq(callTurns.callId, calls.id),
                sql`${callTurns.text} like ${pattern} escape '\\'`,
              ),
            ),
        ),
      ),
    )
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit);
}
