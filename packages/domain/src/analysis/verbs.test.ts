import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendCallTurn } from '../calls/append-turn.ts';
import { callContext } from '../calls/context.ts';
import { endCall } from '../calls/end-call.ts';
import { recordToolCall } from '../calls/record-tool-call.ts';
import { startCall } from '../calls/start-call.ts';
import { DomainError } from '../errors.ts';
import type { BusinessEvent } from '../events/types.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { loadProfileFor } from '../profile/store.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { answerKnowledgeGap } from './answer-knowledge-gap.ts';
import { deterministicAnalysis } from './deterministic.ts';
import { normalizeQuestion } from './questions.ts';
import { readCallForAnalysis } from './read-call.ts';
import { saveCallAnalysis } from './save-call-analysis.ts';

vi.mock('../events/types.ts', async (original) => ({
  ...(await original<typeof import('../events/types.ts')>()),
  EVENT_CONSUMERS: ['audit'],
}));

let database: TestDatabase;
let business: Awaited<ReturnType<typeof createTestReceptionistBusiness>>;

beforeEach(async () => {
  database = await createTestDatabase();
  business = await createTestReceptionistBusiness(database.db);
});
afterEach(async () => {
  await database.cleanup();
});

async function callWithUnansweredQuestion(question: string): Promise<string> {
  const ctx = callContext(database.db, business.business.id);
  const call = await startCall({
    ctx,
    input: { channel: 'phone', fromNumber: '+12125550123', engine: 'local' },
  });
  await appendCallTurn({ ctx, input: { callId: call.id, role: 'caller', text: question } });
  await recordToolCall({
    ctx,
    input: {
      callId: call.id,
      toolCallId: 'tc1',
      name: 'answer_question',
      arguments: { question },
      result: { ok: false, code: 'no_answer', message: "I don't have that information." },
      status: 'failed',
    },
  });
  await endCall({ ctx, input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' } });
  return call.id;
}

async function analyse(callId: string) {
  const read = await readCallForAnalysis({
    ctx: { db: database.db },
    input: { businessId: business.business.id, callId },
  });
  const analysis = deterministicAnalysis(read!.facts);
  return saveCallAnalysis({
    ctx: { db: database.db, nowMs: 1_000 },
    input: { businessId: business.business.id, callId, analysis },
  });
}

async function analysedEvents(): Promise<BusinessEvent[]> {
  return (await business.tenant.jobs.list())
    .filter((job) => job.kind === JOB_KINDS.businessEvent)
    .map((job) => (job.payload as { event: BusinessEvent }).event)
    .filter((event) => event.type === 'call.analyzed');
}

describe('saving a call’s analysis', () => {
  it('stores summary and analysis once, files the question, and records call.analyzed once', async () => {
    const callId = await callWithUnansweredQuestion('Do you take Delta insurance?');
    expect(await analyse(callId)).toEqual({ saved: true });
    expect(await analyse(callId)).toEqual({ saved: false });

    const call = await business.tenant.calls.get(callId);
    expect(call?.summary).toContain('Do you take Delta insurance?');
    expect(call?.analysis).toMatchObject({
      outcome: 'no_action',
      unansweredQuestions: ['Do you take Delta insurance?'],
    });
    const events = await analysedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ callId, summary: call?.summary });
    expect(await business.tenant.knowledgeGaps.listOpenGroups()).toMatchObject([
      { question: 'Do you take Delta insurance?', count: 1, callIds: [callId] },
    ]);
    const read = await readCallForAnalysis({
      ctx: { db: database.db },
      input: { businessId: business.business.id, callId },
    });
    expect(read?.analysis?.summary).toBe(call?.summary);
  });

  it('refuses an analysis that does not fit the schema, and a call of another business', async () => {
    const callId = await callWithUnansweredQuestion('Is there parking?');
    await expect(
      saveCallAnalysis({
        ctx: { db: database.db, nowMs: 1 },
        input: { businessId: business.business.id, callId, analysis: { summary: '' } as never },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const other = await createTestReceptionistBusiness(database.db);
    const read = await readCallForAnalysis({
      ctx: { db: database.db },
      input: { businessId: business.business.id, callId },
    });
    await expect(
      saveCallAnalysis({
        ctx: { db: database.db, nowMs: 1 },
        input: { businessId: other.business.id, callId, analysis: deterministicAnalysis(read!.facts) },
      }),
    ).rejects.toMatchObject({ code: 'call_not_found' });
  });
});

describe('answering a knowledge gap', () => {
  it('groups a question asked on two calls, and the owner’s answer becomes an FAQ entry', async () => {
    await analyse(await callWithUnansweredQuestion('Do you take Delta insurance?'));
    await analyse(await callWithUnansweredQuestion('Delta insurance, do you take it?'));
    const [group] = await business.tenant.knowledgeGaps.listOpenGroups();
    expect(group).toMatchObject({ count: 2, normalized: normalizeQuestion('Do you take Delta insurance?') });

    const ctx = { tenant: business.tenant, nowMs: 5_000, actor: { kind: 'staff' as const, userId: 'usr_1' } };
    const input = {
      normalized: group!.normalized,
      question: 'Do you take Delta insurance?',
      answer: 'Yes, we accept Delta Dental PPO.',
      keywords: ['delta'],
    };
    expect(await answerKnowledgeGap({ ctx, input })).toEqual({ closed: 2, callers: 0 });
    const profile = await loadProfileFor(business.tenant);
    expect(profile.faq.at(-1)).toEqual({
      question: 'Do you take Delta insurance?',
      answer: 'Yes, we accept Delta Dental PPO.',
      keywords: ['delta'],
    });
    expect(await business.tenant.knowledgeGaps.listOpenGroups()).toEqual([]);
    await expect(answerKnowledgeGap({ ctx, input })).rejects.toBeInstanceOf(DomainError);
    expect((await loadProfileFor(business.tenant)).faq).toHaveLength(profile.faq.length);
  });
});
