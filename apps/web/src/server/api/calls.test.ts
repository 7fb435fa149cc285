import {
  deterministicAnalysis,
  readCallForAnalysis,
  revokeApiKey,
  saveCallAnalysis,
  tenantContext,
} from '@receptionist/domain';
import { createTestCall, tenantFixture } from '@receptionist/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall, listCalls } from './calls.ts';
import { type ApiTestBed, createApiTestBed, createTestApiKey } from './test-harness.ts';

let bed: ApiTestBed;
let bookedCallId: string;
let otherBusinessCallId: string;

beforeAll(async () => {
  bed = await createApiTestBed();
  const base = Date.UTC(2026, 10, 20, 15, 0, 0);
  // 30 calls for A, one minute apart; some share a start time so the cursor must break ties by id.
  for (let i = 0; i < 30; i++) {
    await createTestCall(bed.db, bed.businessA, {
      startedAt: base + Math.floor(i / 2) * 60_000,
      engine: 'local',
    });
  }
  const booked = await createTestCall(bed.db, bed.businessA, { startedAt: base + 3_600_000 });
  const calls = tenantFixture(bed.db, bed.businessA).calls;
  await calls.appendTurn(booked.id, { role: 'agent', text: 'Thanks for calling Alpha Clinic.' });
  await calls.appendTurn(booked.id, { role: 'caller', text: 'I need a cleaning on Tuesday at 10%' });
  await calls.appendTurn(booked.id, {
    role: 'agent',
    text: 'You are booked.',
    latencyMs: 640,
    interrupted: true,
  });
  await calls.recordToolCall(booked.id, {
    toolCallId: 't1',
    name: 'book_appointment',
    arguments: { service: 'cleaning' },
    result: { ok: true },
    status: 'ok',
    latencyMs: 12,
  });
  await calls.setSummary(booked.id, { outcome: 'booked', summary: 'Booked a cleaning' });
  await calls.end(booked.id, { status: 'completed', endReason: 'caller_hangup' });
  bookedCallId = booked.id;
  otherBusinessCallId = (await createTestCall(bed.db, bed.businessB, { startedAt: base })).id;
});

afterAll(async () => {
  await bed.testDb.cleanup();
});

describe('GET /api/v1/calls', () => {
  it('refuses a missing, malformed, unknown or revoked key with 401', async () => {
    expect((await bed.call(listCalls, { path: '/api/v1/calls', key: null })).status).toBe(401);
    expect((await bed.call(listCalls, { path: '/api/v1/calls', key: 'not-a-key' })).status).toBe(401);
    const unknown = `rk_live_${'A'.repeat(43)}`;
    const response = await bed.call(listCalls, { path: '/api/v1/calls', key: unknown });
    expect(response.status).toBe(401);
    expect(response.body.error?.code).toBe('unauthorized');
    const { key, apiKey: summary } = await createTestApiKey(bed.db, bed.businessA, 'soon revoked');
    expect((await bed.call(listCalls, { path: '/api/v1/calls', key })).status).toBe(200);
    await revokeApiKey({
      ctx: tenantContext(bed.db, bed.businessA, { kind: 'system' }),
      input: { apiKeyId: summary.id },
    });
    expect((await bed.call(listCalls, { path: '/api/v1/calls', key })).status).toBe(401);
  });

  it('pages through every call exactly once with the keyset cursor, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/calls?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await bed.call(listCalls, { path });
      expect(response.status).toBe(200);
      const data = response.body.data as Array<{ id: string; startedAt: string }>;
      seen.push(...data.map((call) => call.id));
      cursor = response.body.nextCursor as string | null;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect(seen[0]).toBe(bookedCallId);
    expect(seen).not.toContain(otherBusinessCallId);
  });

  it('filters by outcome, by date and by transcript words (wildcards and operators are plain text)', async () => {
    const byOutcome = await bed.call(listCalls, { path: '/api/v1/calls?outcome=booked' });
    expect((byOutcome.body.data as Array<{ id: string }>).map((c) => c.id)).toEqual([bookedCallId]);
    const bySearch = await bed.call(listCalls, { path: '/api/v1/calls?q=CLEANING%20on' });
    expect((bySearch.body.data as Array<{ id: string }>).map((c) => c.id)).toEqual([bookedCallId]);
    const literalPercent = await bed.call(listCalls, { path: '/api/v1/calls?q=10%25' });
    expect((literalPercent.body.data as unknown[]).length).toBe(1);
    const noMatch = await bed.call(listCalls, { path: '/api/v1/calls?q=%25%25%25x' });
    expect(noMatch.body.data).toEqual([]);
    const outOfRange = await bed.call(listCalls, { path: '/api/v1/calls?from=2026-11-21' });
    expect(outOfRange.body.data).toEqual([]);
    const inRange = await bed.call(listCalls, {
      path: '/api/v1/calls?from=2026-11-20&to=2026-11-20&limit=100',
    });
    expect((inRange.body.data as unknown[]).length).toBe(31);
  });

  it('searches summaries too, marks the matched words, orders by relevance on request', async () => {
    const response = await bed.call(listCalls, { path: '/api/v1/calls?q=cleaning&sort=relevance' });
    expect(response.status).toBe(200);
    const [call] = response.body.data as Array<{ id: string; snippet: unknown }>;
    expect(call?.id).toBe(bookedCallId);
    expect(call?.snippet).toEqual([
      { text: 'I need a ', match: false },
      { text: 'cleaning', match: true },
      { text: ' on Tuesday at 10%', match: false },
    ]);
    const bySummaryOnly = await bed.call(listCalls, { path: '/api/v1/calls?q=booked%20a' });
    expect((bySummaryOnly.body.data as Array<{ id: string }>).map((c) => c.id)).toEqual([bookedCallId]);
    const injected = await bed.call(listCalls, { path: '/api/v1/calls?q=%22%20OR%20tenant%3A*%20NEAR(' });
    expect(injected.status).toBe(200);
    expect(injected.body.data).toEqual([]);
  });

  it('filters by direction and by whether the call booked or took a message', async () => {
    const outbound = await bed.call(listCalls, { path: '/api/v1/calls?direction=outbound' });
    expect(outbound.body.data).toEqual([]);
    const inbound = await bed.call(listCalls, { path: '/api/v1/calls?direction=inbound&limit=100' });
    expect((inbound.body.data as unknown[]).length).toBe(31);
    // No appointment or message row points at these calls: "booked" is what the rows say, not the outcome.
    expect((await bed.call(listCalls, { path: '/api/v1/calls?hasBooking=true' })).body.data).toEqual([]);
    const noMessage = await bed.call(listCalls, { path: '/api/v1/calls?hasMessage=false&limit=100' });
    expect((noMessage.body.data as unknown[]).length).toBe(31);
    expect((await bed.call(listCalls, { path: '/api/v1/calls?hasBooking=yes' })).status).toBe(400);
    expect((await bed.call(listCalls, { path: '/api/v1/calls?sort=loudest' })).status).toBe(400);
  });

  it('rejects bad query parameters with 400 and the field that is wrong', async () => {
    const response = await bed.call(listCalls, { path: '/api/v1/calls?outcome=won_the_lottery' });
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('invalid_request');
    expect(JSON.stringify(response.body.error)).toContain('outcome');
    expect((await bed.call(listCalls, { path: '/api/v1/calls?limit=1000' })).status).toBe(400);
  });
});

describe('GET /api/v1/calls/:callId', () => {
  it('returns the transcript and tool calls', async () => {
    const response = await bed.call(getCall, {
      path: `/api/v1/calls/${bookedCallId}`,
      params: { callId: bookedCallId },
    });
    expect(response.status).toBe(200);
    const call = response.body.data as {
      outcome: string;
      endReason: string;
      turns: Array<{ role: string; text: string; interrupted: boolean; latencyMs: number | null }>;
      toolCalls: Array<{ name: string; arguments: unknown; result: unknown; latencyMs: number }>;
    };
    expect(call.outcome).toBe('booked');
    expect(call.endReason).toBe('caller_hangup');
    expect(call.turns.map((t) => t.role)).toEqual(['agent', 'caller', 'agent']);
    expect(call.turns[2]).toMatchObject({ interrupted: true, latencyMs: 640 });
    expect(call.toolCalls).toEqual([
      expect.objectContaining({
        name: 'book_appointment',
        arguments: { service: 'cleaning' },
        result: { ok: true },
        latencyMs: 12,
      }),
    ]);
  });

  it('returns the summary and analysis once the worker has analysed the call', async () => {
    const call = await createTestCall(bed.db, bed.businessA, { startedAt: Date.UTC(2026, 10, 19) });
    const calls = tenantFixture(bed.db, bed.businessA).calls;
    await calls.appendTurn(call.id, { role: 'agent', text: "You're booked for Tuesday. It's $999." });
    await calls.end(call.id, { status: 'completed', endReason: 'caller_hangup' });
    const path = `/api/v1/calls/${call.id}`;
    const before = await bed.call(getCall, { path, params: { callId: call.id } });
    expect(before.body.data).toMatchObject({ summary: null, analysis: null });

    const read = await readCallForAnalysis({
      ctx: { db: bed.db },
      input: { businessId: bed.businessA, callId: call.id },
    });
    const analysis = deterministicAnalysis(read!.facts);
    await saveCallAnalysis({
      ctx: { db: bed.db, nowMs: 0 },
      input: { businessId: bed.businessA, callId: call.id, analysis },
    });
    const after = await bed.call(getCall, { path, params: { callId: call.id } });
    expect(after.body.data).toMatchObject({
      summary: analysis.summary,
      analysis: {
        source: 'deterministic',
        outcome: 'no_action',
        followUpNeeded: true,
        unkeptPromises: [{ kind: 'booked' }, { kind: 'price' }],
      },
    });
  });

  it("answers 404 for another business's call and for unknown ids", async () => {
    const other = await bed.call(getCall, {
      path: `/api/v1/calls/${otherBusinessCallId}`,
      params: { callId: otherBusinessCallId },
    });
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('not_found');
    const viaB = await bed.call(getCall, {
      path: '/x',
      key: bed.keyB,
      params: { callId: otherBusinessCallId },
    });
    expect(viaB.status).toBe(200);
    expect((await bed.call(getCall, { path: '/x', params: { callId: 'call_nope' } })).status).toBe(404);
  });
});
