import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import {
  appointments,
  CALL_OUTCOMES,
  type CallDirection,
  type CallOutcome,
  type CallRow,
  calls,
  callTurns,
  customers,
  messages,
  services,
} from '../schema/index.ts';
import { createTestBusiness, createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { type CallListFilters, listCalls } from './call-list.ts';
import { forBusiness } from './index.ts';

// The call list's SQL (filters, keyset pages, FTS5 search, snippets) against brute force over a fixture.

const WORDS = ['haircut', 'colour', 'booking', 'cancel', 'parking', 'price', 'monday', 'refund', 'beard'];
const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

interface FixtureCall {
  row: CallRow;
  lines: string[];
  booked: boolean;
  messaged: boolean;
}

let database: TestDatabase;
let db: Database;
let businessA: string;
let businessB: string;
const fixture: FixtureCall[] = [];
const otherCallIds: string[] = [];

/** A small deterministic generator, so a failure reproduces. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * n);
  };
}

async function seedCalls(businessId: string, count: number, seed: number, out?: FixtureCall[]) {
  const random = generator(seed);
  const [service] = await db
    .insert(services)
    .values({ businessId, id: `svc_${seed}`, name: 'Cut', durationMinutes: 30 })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ businessId, phone: `+1202555${seed}`, name: 'Pat' })
    .returning();
  for (let i = 0; i < count; i++) {
    // Every third call shares its start with the one before: ties the keyset must break by id.
    const startedAt = T0 + (i - (i % 3 === 2 ? 1 : 0)) * 3_600_000 * 7;
    const outcome: CallOutcome | null =
      random(5) === 0 ? null : (CALL_OUTCOMES[random(CALL_OUTCOMES.length)] ?? null);
    const direction: CallDirection = random(4) === 0 ? 'outbound' : 'inbound';
    const summary = random(2) === 0 ? `Caller asked about ${WORDS[random(WORDS.length)]}.` : null;
    const [row] = await db
      .insert(calls)
      .values({
        businessId,
        channel: 'phone',
        direction,
        engine: 'scripted',
        status: 'completed',
        startedAt,
        endedAt: startedAt + 60_000,
        durationMs: 60_000,
        outcome,
        summary,
      })
      .returning();
    const lines: string[] = [];
    const turnCount = random(4);
    for (let sequence = 1; sequence <= turnCount; sequence++) {
      const text = `Hello, I would like a ${WORDS[random(WORDS.length)]} and ${WORDS[random(WORDS.length)]} please`;
      lines.push(text);
      await db.insert(callTurns).values({
        businessId,
        callId: row!.id,
        sequence,
        role: sequence % 2 === 1 ? 'caller' : 'agent',
        text,
        createdAt: startedAt + sequence * 1000,
      });
    }
    if (summary !== null) lines.push(summary);
    const booked = random(3) === 0;
    if (booked) {
      await db.insert(appointments).values({
        businessId,
        serviceId: service!.id,
        customerId: customer!.id,
        startAt: T0 + 400 * DAY_MS + i * 3_600_000,
        endAt: T0 + 400 * DAY_MS + i * 3_600_000 + 1_800_000,
        blockedUntil: T0 + 400 * DAY_MS + i * 3_600_000 + 1_800_000,
        createdByCallId: row!.id,
      });
    }
    const messaged = random(4) === 0;
    if (messaged) await db.insert(messages).values({ businessId, reason: 'call back', callId: row!.id });
    out?.push({ row: row!, lines, booked, messaged });
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  businessA = (await createTestBusiness(db)).id;
  businessB = (await createTestBusiness(db)).id;
  await seedCalls(businessA, 90, 7, fixture);
  const others: FixtureCall[] = [];
  await seedCalls(businessB, 30, 11, others);
  otherCallIds.push(...others.map((c) => c.row.id));
});

afterAll(async () => {
  await database?.cleanup();
});

function newestFirst(a: FixtureCall, b: FixtureCall): number {
  return b.row.startedAt - a.row.startedAt || (a.row.id < b.row.id ? 1 : a.row.id > b.row.id ? -1 : 0);
}

/** Brute force of the FTS match: one line holds every word (whole, or as a prefix when 3+ letters). */
function lineMatches(line: string, words: string[]): boolean {
  const tokens = line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.every((word) =>
    tokens.some((token) => (word.length >= 3 ? token.startsWith(word) : token === word)),
  );
}

function bruteForce(filters: CallListFilters): FixtureCall[] {
  const words = (filters.search ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return fixture
    .filter(
      (c) =>
        (filters.outcome === undefined || c.row.outcome === filters.outcome) &&
        (filters.direction === undefined || c.row.direction === filters.direction) &&
        (filters.startedFrom === undefined || c.row.startedAt >= filters.startedFrom) &&
        (filters.startedBefore === undefined || c.row.startedAt < filters.startedBefore) &&
        (filters.hasBooking === undefined || c.booked === filters.hasBooking) &&
        (filters.hasMessage === undefined || c.messaged === filters.hasMessage) &&
        (words.length === 0 || c.lines.some((line) => lineMatches(line, words))),
    )
    .sort(newestFirst);
}

/** Walks every page of a listing, as the dashboard's "Older →" link does. */
async function walkPages(filters: CallListFilters, pageSize: number, fewMatches?: number): Promise<string[]> {
  const tenant = {
    calls: {
      list: (f: CallListFilters) =>
        fewMatches === undefined
          ? forBusiness(db, businessA).calls.list(f)
          : listCalls(db, businessA, f, fewMatches),
    },
  };
  const seen: string[] = [];
  let after: CallListFilters['after'];
  for (let page = 0; page < 100; page++) {
    const rows = await tenant.calls.list({ ...filters, after, limit: pageSize });
    seen.push(...rows.map((row) => row.id));
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return seen;
    after = { startedAt: last.startedAt, id: last.id };
  }
  throw new Error('pagination did not end');
}

describe('call list in SQL', () => {
  const cases: Array<[string, CallListFilters]> = [
    ['no filter', {}],
    ['an outcome', { outcome: 'booked' }],
    ['calls without an outcome are not "booked"', { outcome: 'no_action' }],
    ['outbound', { direction: 'outbound' }],
    ['a date range', { startedFrom: T0 + 3 * DAY_MS, startedBefore: T0 + 12 * DAY_MS }],
    ['booked an appointment', { hasBooking: true }],
    ['no appointment', { hasBooking: false }],
    ['took a message', { hasMessage: true }],
    ['no message', { hasMessage: false }],
    ['a search', { search: 'haircut' }],
    ['a prefix search', { search: 'park' }],
    ['two words in one line', { search: 'hello colour' }],
    ['a search word found only in summaries', { search: 'asked' }],
    ['everything at once', { search: 'price', direction: 'inbound', hasMessage: false, startedFrom: T0 }],
  ];
  it.each(cases)(
    'pages through %s without gaps or duplicates, equal to brute force',
    async (_name, filters) => {
      const expected = bruteForce(filters).map((c) => c.row.id);
      expect(await walkPages(filters, 7)).toEqual(expected);
      expect(await walkPages(filters, 500)).toEqual(expected);
      // The plan for words too common to list by id: the calls walked newest first.
      expect(await walkPages(filters, 7, 0)).toEqual(expected);
    },
  );

  it('the brute force fixture is not trivial', () => {
    expect(bruteForce({ search: 'haircut' }).length).toBeGreaterThan(10);
    expect(bruteForce({ search: 'hello colour' }).length).toBeGreaterThan(0);
    expect(bruteForce({ hasBooking: true }).length).toBeGreaterThan(10);
    expect(bruteForce({ direction: 'outbound' }).length).toBeGreaterThan(5);
  });

  it('never returns another business’s calls, however it is asked', async () => {
    const tenant = forBusiness(db, businessA);
    const found = await tenant.calls.list({ search: 'hello', limit: 500 });
    expect(found.length).toBe(bruteForce({ search: 'hello' }).length);
    expect(found.every((row) => row.businessId === businessA)).toBe(true);
    const ranked = await tenant.calls.searchRanked({ search: 'hello', limit: 500 });
    expect(ranked.every(({ call }) => call.businessId === businessA)).toBe(true);
    expect(await tenant.calls.snippets(otherCallIds, 'hello')).toEqual([]);
    const fromB = await forBusiness(db, businessB).calls.list({ search: 'hello', limit: 500 });
    expect(fromB.map((row) => row.id).sort()).toEqual(
      [...otherCallIds].sort().filter((id) => fromB.some((r) => r.id === id)),
    );
    expect(fromB.some((row) => row.businessId !== businessB)).toBe(false);
  });

  it('treats any typed text as words: no FTS5 syntax error, no operator injection', async () => {
    const tenant = forBusiness(db, businessA);
    const inputs = [
      '"',
      'AND OR NOT (',
      'tenant:x',
      'body:haircut OR tenant:*',
      '*',
      'NEAR(haircut monday, 2)',
      "'; drop table calls; --",
      '^haircut',
      '{tenant body}: x',
      '   ',
      'ünïcödé ✓ 😀',
    ];
    for (const search of inputs) {
      await expect(tenant.calls.list({ search })).resolves.toBeInstanceOf(Array);
      await expect(tenant.calls.searchRanked({ search })).resolves.toBeInstanceOf(Array);
    }
    // Operators are words like any other: "haircut OR monday" needs all three words in one line.
    const withOr = await tenant.calls.list({ search: 'haircut OR monday', limit: 500 });
    expect(withOr.map((row) => row.id)).toEqual(
      bruteForce({ search: 'haircut or monday' }).map((c) => c.row.id),
    );
  });
});

describe('ranked search and snippets', () => {
  it('ranks every match, best first, and pages the ranking by (score, id)', async () => {
    const tenant = forBusiness(db, businessA);
    const expected = new Set(bruteForce({ search: 'refund' }).map((c) => c.row.id));
    const all = await tenant.calls.searchRanked({ search: 'refund', limit: 500 });
    expect(new Set(all.map(({ call }) => call.id))).toEqual(expected);
    const scores = all.map(({ score }) => score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const paged: string[] = [];
    let after: { score: number; id: string } | undefined;
    for (;;) {
      const page = await tenant.calls.searchRanked({ search: 'refund', limit: 4, after });
      paged.push(...page.map(({ call }) => call.id));
      const last = page.at(-1);
      if (page.length < 4 || last === undefined) break;
      after = { score: last.score, id: last.call.id };
    }
    expect(paged).toEqual(all.map(({ call }) => call.id));
  });

  it('puts a line that is about the words above one that mentions them in passing', async () => {
    const business = (await createTestBusiness(db)).id;
    const tenant = forBusiness(db, business);
    const passing = await tenant.calls.create({
      channel: 'phone',
      engine: 'scripted',
      status: 'completed',
      startedAt: T0 + 2,
    });
    const focused = await tenant.calls.create({
      channel: 'phone',
      engine: 'scripted',
      status: 'completed',
      startedAt: T0 + 1,
    });
    await tenant.calls.appendTurn(passing.id, {
      role: 'caller',
      text: 'I was wondering about many things today, the weather, my dog, my garden and also maybe a gift voucher',
    });
    await tenant.calls.appendTurn(focused.id, { role: 'caller', text: 'Gift voucher, gift voucher please' });
    const ranked = await tenant.calls.searchRanked({ search: 'gift voucher' });
    expect(ranked.map(({ call }) => call.id)).toEqual([focused.id, passing.id]);
    // The newest-first list keeps time order.
    expect((await tenant.calls.list({ search: 'gift voucher' })).map((row) => row.id)).toEqual([
      passing.id,
      focused.id,
    ]);
  });

  it('marks the matched words of each call’s best line, folding case and accents', async () => {
    const business = (await createTestBusiness(db)).id;
    const tenant = forBusiness(db, business);
    const call = await tenant.calls.create({ channel: 'phone', engine: 'scripted', status: 'completed' });
    await tenant.calls.appendTurn(call.id, { role: 'caller', text: 'Can I book a Café table?' });
    await tenant.calls.appendTurn(call.id, { role: 'agent', text: 'Nothing here.' });
    const [snippet] = await tenant.calls.snippets([call.id], 'cafe');
    expect(snippet?.parts).toEqual([
      { text: 'Can I book a ', match: false },
      { text: 'Café', match: true },
      { text: ' table?', match: false },
    ]);
  });

  it('follows summaries as the cold path writes and rewrites them, and turns as they are appended', async () => {
    const business = (await createTestBusiness(db)).id;
    const tenant = forBusiness(db, business);
    const call = await tenant.calls.create({ channel: 'phone', engine: 'scripted', status: 'completed' });
    expect(await tenant.calls.list({ search: 'wheelchair' })).toEqual([]);
    await tenant.calls.setSummary(call.id, { summary: 'Asked about wheelchair access.' });
    expect((await tenant.calls.list({ search: 'wheelchair' })).map((row) => row.id)).toEqual([call.id]);
    await tenant.calls.setSummary(call.id, { summary: 'Asked about opening hours.' });
    expect(await tenant.calls.list({ search: 'wheelchair' })).toEqual([]);
    expect((await tenant.calls.list({ search: 'opening' })).map((row) => row.id)).toEqual([call.id]);
    await tenant.calls.appendTurn(call.id, { role: 'caller', text: 'Is there a ramp?' });
    expect((await tenant.calls.list({ search: 'ramp' })).map((row) => row.id)).toEqual([call.id]);
  });
});

describe('query plans', () => {
  async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
    const { sql, params } = query.toSQL();
    const result = await db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
    return result.rows.map((row) => String(row.detail)).join('\n');
  }

  it('lists and filters through the indexes, never a scan of the calls table', async () => {
    const { and, desc, eq, gte } = await import('drizzle-orm');
    const list = db
      .select()
      .from(calls)
      .where(and(eq(calls.businessId, businessA), gte(calls.startedAt, T0)))
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(26);
    expect(await plan(list)).toContain('calls_business_started_idx');
    const byOutcome = db
      .select()
      .from(calls)
      .where(and(eq(calls.businessId, businessA), eq(calls.outcome, 'booked')))
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(26);
    const outcomePlan = await plan(byOutcome);
    expect(outcomePlan).toContain('calls_business_outcome_started_idx');
    expect(outcomePlan).not.toMatch(/SCAN calls(?! USING)/);
  });
});
