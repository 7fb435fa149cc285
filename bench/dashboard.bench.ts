/**
 * Dashboard read benchmark at scale. Prints ONE JSON object.
 * Seeds a temporary file database with 100k calls and ~1M transcript turns across 20 businesses of
 * unequal size (dashboard-seed.ts; FTS5 triggers live), then times the server code the pages and
 * `GET /api/v1/calls` run, for the LARGEST business (the worst case):
 *  - list: the call list's first page, and a page deep in the list (keyset cursor);
 *  - search: a rare word and a common word (newest first, and by relevance), with snippets;
 *  - filtered: outcome + date range + direction + "no message taken";
 *  - overview: every number and chart of the overview page;
 *  - call page: the call with its transcript, tool calls, recording and the business's time zone.
 * Named peers in the same run: the previous LIKE-scan search and the previous in-memory overview
 * (dashboard-peers.ts), so each ratio is printed. Every statement each scenario sends is then run
 * through EXPLAIN QUERY PLAN; a plan that scans a whole table is listed under `fullScans`.
 * Run: npm run bench:dashboard [-- --calls 100000 --turns 10 --runs 40]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { closeDatabase, type Database, openDatabase } from '@receptionist/db';
import { createTestBusiness, pinnedClock } from '@receptionist/db/testing';
import { customers, services } from '@receptionist/db';
import { localDayEndMs, localDayStartMs } from '../apps/web/src/lib/date-range.ts';
import { loadBusinessTimeZone } from '../apps/web/src/server/queries/business.ts';
import { findCallRecording } from '../apps/web/src/server/queries/call-recordings.ts';
import { type CallListQuery, listCallsPage } from '../apps/web/src/server/queries/calls.ts';
import { loadOverviewStats } from '../apps/web/src/server/queries/stats.ts';
import { readTenant } from '../apps/web/src/server/queries/tenant.ts';
import { seedDashboardDatabase } from './dashboard-seed.ts';
import { listCallsLikeScan, loadOverviewStatsInMemory } from './dashboard-peers.ts';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '100000' },
    turns: { type: 'string', default: '10' },
    businesses: { type: 'string', default: '20' },
    runs: { type: 'string', default: '40' },
  },
});
const CALLS = Number(args.calls);
const TURNS = Number(args.turns);
const BUSINESSES = Number(args.businesses);
const RUNS = Number(args.runs);
const WARMUP = 3;
/** A fixed "now" so every run measures the same windows (nothing here reads the real date). */
const NOW_MS = pinnedClock('2026-06-15T15:00:00Z')();
const TIME_ZONE = 'America/New_York';
const TARGET_P95_MS = 150;

interface Timing {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (f: number) => sorted[Math.min(sorted.length - 1, Math.ceil(f * sorted.length) - 1)] ?? 0;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? 0), runs: sorted.length };
}

async function time(run: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * The statements one run of a scenario sends, each with its EXPLAIN QUERY PLAN lines. `db.$client` is the
 * write-lock wrapper around libSQL's client, which calls the inner client's `execute`: an own property set
 * through the wrapper lands on the inner client and sees every statement; deleting it restores the method.
 */
async function plansOf(db: Database, run: () => Promise<unknown>) {
  const client = db.$client as unknown as Record<string, unknown>;
  const inner = (Object.getPrototypeOf(client) as { execute: (this: unknown, statement: unknown) => unknown })
    .execute;
  const statements: Array<{ sql: string; args: unknown }> = [];
  client.execute = function (this: unknown, statement: unknown) {
    if (typeof statement === 'object' && statement !== null && 'sql' in statement) {
      statements.push(statement as { sql: string; args: unknown });
    }
    return inner.call(this, statement);
  };
  try {
    await run();
  } finally {
    delete client.execute;
  }
  const plans: string[][] = [];
  for (const statement of statements) {
    const result = await db.$client.execute({
      sql: `EXPLAIN QUERY PLAN ${statement.sql}`,
      args: statement.args as never,
    });
    plans.push(result.rows.map((row) => String(row.detail)));
  }
  return plans;
}

/** A plan line reading a whole table (not through an index, not a virtual-table lookup). */
function isFullScan(line: string): boolean {
  return (
    /^SCAN (?!.*(USING|VIRTUAL TABLE))/.test(line) &&
    !/json_each|CONSTANT ROW|subquery|hits|measured|ranked/i.test(line)
  );
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dashboard-bench-'));
  const file = path.join(dir, 'dashboard.db');
  try {
    const setup = await openDatabase({ url: `file:${file}` });
    const businessIds: string[] = [];
    for (let b = 0; b < BUSINESSES; b++) {
      const business = await createTestBusiness(setup, { name: `Bench ${b}`, timeZone: TIME_ZONE });
      await setup
        .insert(services)
        .values({ businessId: business.id, id: `svc_${b}`, name: 'Cut', durationMinutes: 30 });
      await setup
        .insert(customers)
        .values({ businessId: business.id, id: `cus_${b}`, phone: '+12025550100', name: 'Pat' });
      businessIds.push(business.id);
    }
    closeDatabase(setup);

    const seedStart = performance.now();
    const seeded = seedDashboardDatabase({
      path: file,
      businessIds,
      calls: CALLS,
      turnsPerCall: TURNS,
      nowMs: NOW_MS,
      spanDays: 180,
    });
    const seedMs = performance.now() - seedStart;

    const db = await openDatabase({ url: `file:${file}` });
    const businessId = businessIds[0]!;
    const sampleCallId = seeded.sampleCallIds[0]!;
    const list = (query: CallListQuery) => listCallsPage(db, businessId, query);

    // A cursor deep in the list: 40 pages of 25 in.
    let deepCursor: string | undefined;
    for (let page = 0; page < 40; page++) deepCursor = (await list({ cursor: deepCursor })).nextCursor;

    const filtered: CallListQuery = {
      outcome: 'booked',
      direction: 'inbound',
      hasMessage: false,
      fromMs: localDayStartMs('2026-05-01', TIME_ZONE),
      toMs: localDayEndMs('2026-05-31', TIME_ZONE),
    };
    const scenarios: Record<string, () => Promise<unknown>> = {
      listFirstPage: () => list({}),
      listDeepPage: () => list({ cursor: deepCursor }),
      searchRare: () => list({ search: 'wheelchair' }),
      searchRareByRelevance: () => list({ search: 'wheelchair', sort: 'relevance' }),
      searchCommon: () => list({ search: 'parking' }),
      searchCommonByRelevance: () => list({ search: 'parking', sort: 'relevance' }),
      searchTwoWords: () => list({ search: 'cancel massage' }),
      filteredPage: () => list(filtered),
      overview: () => loadOverviewStats(db, businessId, TIME_ZONE, NOW_MS),
      callPage: async () => {
        const call = await readTenant(db, businessId).calls.get(sampleCallId);
        await loadBusinessTimeZone(db, businessId);
        await findCallRecording(db, businessId, sampleCallId);
        return call;
      },
    };
    const peers: Record<string, { peer: string; run: () => Promise<unknown> }> = {
      searchRare: {
        peer: 'LIKE scan (before)',
        run: () => listCallsLikeScan(db, businessId, 'wheelchair', 26),
      },
      searchCommon: {
        peer: 'LIKE scan (before)',
        run: () => listCallsLikeScan(db, businessId, 'parking', 26),
      },
      overview: {
        peer: 'in-memory totals (before)',
        run: () => loadOverviewStatsInMemory(db, businessId, TIME_ZONE, NOW_MS),
      },
    };

    const results: Record<string, unknown> = {};
    const fullScans: Record<string, string[]> = {};
    for (const [name, run] of Object.entries(scenarios)) {
      const timing = await time(run);
      const peer = peers[name];
      const peerTiming = peer === undefined ? undefined : await time(peer.run);
      const plans = await plansOf(db, run);
      const scans = plans.flat().filter(isFullScan);
      if (scans.length > 0) fullScans[name] = scans;
      results[name] = {
        ...timing,
        withinTarget: timing.p95 <= TARGET_P95_MS,
        ...(peer !== undefined &&
          peerTiming !== undefined && {
            peer: {
              name: peer.peer,
              ...peerTiming,
              ratioP95: Math.round((peerTiming.p95 / timing.p95) * 10) / 10,
            },
          }),
        statements: plans.length,
      };
    }
    const searchHits = {
      wheelchair: (await list({ search: 'wheelchair', limit: 100 })).calls.length,
      parking: (await list({ search: 'parking', limit: 100 })).calls.length,
    };
    closeDatabase(db);
    console.log(
      JSON.stringify(
        {
          bench: 'dashboard',
          database: {
            calls: CALLS,
            turns: seeded.turns,
            businesses: BUSINESSES,
            measuredBusinessCalls: seeded.callsPerBusiness[0],
            appointments: seeded.appointments,
            messages: seeded.messages,
            fileMb: Math.round(statSync(file).size / 1_048_576),
            seedSeconds: Math.round(seedMs / 100) / 10,
          },
          runsPerScenario: RUNS,
          targetP95Ms: TARGET_P95_MS,
          ms: results,
          searchHitsFirstPageOf100: searchHits,
          fullScans,
          machine: {
            cpus: os.cpus().length,
            load1: Math.round(os.loadavg()[0]! * 100) / 100,
            node: process.version,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
