import {
  appointments,
  CALL_OUTCOMES,
  type CallOutcome,
  calls,
  callTurns,
  type Database,
} from '@receptionist/db';
import { and, avg, count, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { isoDateOfLocalDay, offsetSegments } from './offset-segments.ts';

/**
 * Overview numbers for one business, in its own time zone ("today" is the business's today).
 * Every number is an aggregate in SQL over an index range of bounded windows (a week, 14 and 30 days):
 * the rows never leave the database, so the page costs the same at 100 calls a month or 10,000.
 * Local days and hours are bucketed in SQL by integer arithmetic over DST-free segments (offset-segments.ts).
 */
export interface OverviewStats {
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

/** Nearest-rank percentile of an ascending array (the call page's own numbers use it). */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? null;
}

// Literals for the same reason as in localMs.
const DAY_MS = sql.raw('86400000');
const HOUR_MS = sql.raw('3600000');

/**
 * `column + offset` as local epoch ms, the offset chosen by a CASE over the window's segments. Literals,
 * not bound values: a bound JS number may reach SQLite as a REAL, and `/` must stay integer division.
 * A CASE (not a join with the segments) keeps the window a plain index range the planner uses.
 */
function localMs(column: SQL, timeZone: string, fromMs: number, toMs: number): SQL {
  const segments = offsetSegments(timeZone, fromMs, toMs);
  const literal = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
    return sql.raw(String(n));
  };
  const last = segments.at(-1);
  if (last === undefined) return sql`${column}`;
  const cases = segments
    .slice(0, -1)
    .map((s) => sql`when ${column} < ${literal(s.to)} then ${literal(s.offsetMs)}`);
  return cases.length === 0
    ? sql`(${column} + ${literal(last.offsetMs)})`
    : sql`(${column} + case ${sql.join(cases, sql` `)} else ${literal(last.offsetMs)} end)`;
}

/** Calls per (local day, local hour) over a window, counted in SQL on (business_id, started_at). */
async function callsByLocalHour(
  db: Database,
  businessId: string,
  timeZone: string,
  fromMs: number,
  toMs: number,
) {
  const local = localMs(sql`${calls.startedAt}`, timeZone, fromMs, toMs);
  return db.all<{ day: number; hour: number; calls: number }>(sql`
    select ${local} / ${DAY_MS} as day, (${local} / ${HOUR_MS}) % 24 as hour, count(*) as calls
    from ${calls}
    where ${calls.businessId} = ${businessId} and ${calls.startedAt} >= ${fromMs} and ${calls.startedAt} < ${toMs}
    group by day, hour`);
}

/**
 * Nearest-rank p50 and p95 of agent-turn latency per local day and over the whole window, in SQL
 * (window functions over the partial latency index). `day` is null on the whole-window row.
 */
async function latencyPercentiles(
  db: Database,
  businessId: string,
  timeZone: string,
  fromMs: number,
  toMs: number,
) {
  const local = localMs(sql`${callTurns.createdAt}`, timeZone, fromMs, toMs);
  return db.all<{ day: number | null; turns: number; p50: number | null; p95: number | null }>(sql`
    with measured as (
      select ${local} / ${DAY_MS} as day, ${callTurns.latencyMs} as v
      from ${callTurns}
      where ${callTurns.businessId} = ${businessId}
        and ${callTurns.createdAt} >= ${fromMs} and ${callTurns.createdAt} < ${toMs}
        and ${callTurns.latencyMs} is not null
    ),
    ranked as (
      select day, v,
        row_number() over (partition by day order by v) as day_rank,
        count(*) over (partition by day) as day_n,
        row_number() over (order by v) as all_rank,
        count(*) over () as all_n
      from measured
    )
    select day, day_n as turns,
      max(case when day_rank = (day_n + 1) / 2 then v end) as p50,
      max(case when day_rank = (95 * day_n + 99) / 100 then v end) as p95
    from ranked group by day
    union all
    select null, all_n,
      max(case when all_rank = (all_n + 1) / 2 then v end),
      max(case when all_rank = (95 * all_n + 99) / 100 then v end)
    from ranked group by all_n`);
}

export async function loadOverviewStats(
  db: Database,
  businessId: string,
  timeZone: string,
  nowMs: number,
): Promise<OverviewStats> {
  const now = DateTime.fromMillis(nowMs, { zone: timeZone });
  const todayStart = now.startOf('day');
  const windowEnd = todayStart.plus({ days: 1 }).toMillis();
  const weekStart = now.startOf('week').toMillis();
  const fourteenDaysStart = todayStart.minus({ days: 13 });
  const thirtyDaysStart = todayStart.minus({ days: 29 }).toMillis();
  const sevenDaysStart = todayStart.minus({ days: 6 });
  const mine = eq(calls.businessId, businessId);

  const [weekRow] = await db
    .select({ calls: count(), averageMs: avg(calls.durationMs) })
    .from(calls)
    .where(and(mine, gte(calls.startedAt, weekStart), lt(calls.startedAt, windowEnd)));
  const [bookingRow] = await db
    .select({ bookings: count() })
    .from(appointments)
    .where(
      and(
        eq(appointments.businessId, businessId),
        gte(appointments.createdAt, weekStart),
        lt(appointments.createdAt, windowEnd),
      ),
    );
  const outcomeRows = await db
    .select({ outcome: calls.outcome, calls: count() })
    .from(calls)
    .where(and(mine, gte(calls.startedAt, thirtyDaysStart), lt(calls.startedAt, windowEnd)))
    .groupBy(calls.outcome);
  const hourRows = await callsByLocalHour(db, businessId, timeZone, thirtyDaysStart, windowEnd);
  const latencyRows = await latencyPercentiles(
    db,
    businessId,
    timeZone,
    sevenDaysStart.toMillis(),
    windowEnd,
  );

  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, calls: 0 }));
  const perDay = new Map<string, number>();
  for (let i = 0; i < 14; i++) perDay.set(fourteenDaysStart.plus({ days: i }).toISODate() ?? '', 0);
  const today = todayStart.toISODate() ?? '';
  let callsToday = 0;
  for (const row of hourRows) {
    const bucket = hours[Number(row.hour)];
    if (bucket) bucket.calls += Number(row.calls);
    const day = isoDateOfLocalDay(Number(row.day));
    if (perDay.has(day)) perDay.set(day, (perDay.get(day) ?? 0) + Number(row.calls));
    if (day === today) callsToday += Number(row.calls);
  }

  const latencyByDay = new Map<string, { p50: number | null; p95: number | null }>();
  for (let i = 0; i < 7; i++) {
    latencyByDay.set(sevenDaysStart.plus({ days: i }).toISODate() ?? '', { p50: null, p95: null });
  }
  let latency: OverviewStats['latency'] = { p50: null, p95: null, turns: 0 };
  for (const row of latencyRows) {
    const values = { p50: nullableNumber(row.p50), p95: nullableNumber(row.p95) };
    if (row.day === null) latency = { ...values, turns: Number(row.turns) };
    else latencyByDay.set(isoDateOfLocalDay(Number(row.day)), values);
  }

  const outcomeCounts = new Map(outcomeRows.map((row) => [row.outcome ?? 'unknown', row.calls]));
  return {
    callsToday,
    callsThisWeek: weekRow?.calls ?? 0,
    bookingsThisWeek: bookingRow?.bookings ?? 0,
    averageCallMs: weekRow?.averageMs == null ? null : Math.round(Number(weekRow.averageMs)),
    outcomes: [...CALL_OUTCOMES, 'unknown' as const]
      .map((outcome) => ({ outcome, calls: outcomeCounts.get(outcome) ?? 0 }))
      .filter((row) => row.calls > 0),
    busiestHours: hours,
    callsPerDay: [...perDay].map(([day, calls]) => ({ day, calls })),
    latencyPerDay: [...latencyByDay].map(([day, values]) => ({ day, ...values })),
    latency,
  };
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}
