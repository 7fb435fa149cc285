import {
  appendCallTurn,
  type BusinessEvent,
  callContext,
  consumerTakes,
  EVENT_CONSUMERS,
  endCall,
  enqueueJob,
  JOB_KINDS,
  recordToolCall,
  startCall,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { FakeOpenAIResponsesServer } from '@receptionist/engine/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallAnalyzer } from './analysis/index.ts';
import { parseAnalysisSettings } from './env.ts';
import { createDefaultHandlers } from './handlers/index.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from './testing/harness.ts';
import { createWorker, type Worker } from './worker.ts';

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let business: Awaited<ReturnType<typeof createTestReceptionistBusiness>>;
let worker: Worker | undefined;
let server: FakeOpenAIResponsesServer | undefined;

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  business = await createTestReceptionistBusiness(database.db);
});
afterEach(async () => {
  await worker?.stop({ timeoutMs: 0 });
  await server?.close();
  worker = undefined;
  server = undefined;
  database.cleanup();
});

function startWorker(env: Record<string, string | undefined>): void {
  const { logger } = createCapturingLogger();
  worker = createWorker({
    db: database.db,
    handlers: createDefaultHandlers({ analyzer: createCallAnalyzer(parseAnalysisSettings(env), logger) }),
    now: Date.now,
    random: () => 0.5,
    logger,
    concurrency: 2,
    pollIntervalMs: 10,
    leaseMs: 60_000,
    maxAttempts: 3,
  });
  worker.start();
}

/** A call as the voice server's journal writes it: domain call verbs only. */
async function placeCall(): Promise<string> {
  const ctx = callContext(database.db, business.business.id);
  const call = await startCall({
    ctx,
    input: { channel: 'phone', twilioCallSid: 'CA0001', fromNumber: '+12125550123', engine: 'local' },
  });
  const say = (role: 'caller' | 'agent', text: string) =>
    appendCallTurn({ ctx, input: { callId: call.id, role, text } });
  await say('caller', 'Hi, this is Sam. Do you take Delta insurance?');
  await recordToolCall({
    ctx,
    input: {
      callId: call.id,
      toolCallId: 'tc_1',
      name: 'answer_question',
      arguments: { question: 'Do you take Delta insurance?' },
      result: { ok: false, code: 'no_answer', message: "I don't have that information." },
      status: 'failed',
    },
  });
  await say('agent', "I don't have that information. Cleanings are $95. Someone will call you back today.");
  await say('caller', 'Thanks, please have them call me.');
  await recordToolCall({
    ctx,
    input: {
      callId: call.id,
      toolCallId: 'tc_2',
      name: 'take_message',
      arguments: {
        callerName: 'Sam',
        reason: 'Wants to know if Delta insurance is accepted',
        urgency: 'normal',
      },
      result: {
        ok: true,
        message: "I've passed your message on.",
        data: { messageId: 'msg_1', urgency: 'normal' },
      },
      status: 'ok',
    },
  });
  await endCall({ ctx, input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' } });
  return call.id;
}

async function analysedCall(callId: string) {
  return business.tenant.calls.get(callId);
}

async function analyzedEvents(): Promise<BusinessEvent[]> {
  return (await business.tenant.jobs.list())
    .filter((job) => job.kind === JOB_KINDS.businessEvent)
    .map((job) => (job.payload as { event: BusinessEvent }).event)
    .filter((event) => event.type === 'call.analyzed');
}

async function expectAnalysedWithinSeconds(callId: string): Promise<number> {
  const startedMs = performance.now();
  await waitFor(async () => (await analysedCall(callId))?.summary != null, 5_000);
  return performance.now() - startedMs;
}

describe('a call ends → the worker analyses it', () => {
  it('without a key: a deterministic summary and analysis, the promise check and the knowledge gap', async () => {
    const callId = await placeCall();
    startWorker({});
    await expectAnalysedWithinSeconds(callId);
    const call = await analysedCall(callId);
    expect(call?.summary).toBe(
      'Sam called and left a message: “Wants to know if Delta insurance is accepted”. They asked to be called back on +12125550123. The receptionist could not answer: “Do you take Delta insurance?”.',
    );
    expect(call?.outcome).toBe('message_taken');
    expect(call?.analysis).toMatchObject({
      source: 'deterministic',
      callerName: 'Sam',
      followUpNeeded: true,
      unkeptPromises: [{ kind: 'price', quote: 'Cleanings are $95.' }],
      unansweredQuestions: ['Do you take Delta insurance?'],
    });
    expect(await business.tenant.knowledgeGaps.listOpenGroups()).toMatchObject([
      { count: 1, callIds: [callId] },
    ]);
    // One call.analyzed job per registered consumer (none yet on this branch; webhooks and notifications add theirs).
    expect(await analyzedEvents()).toHaveLength(
      EVENT_CONSUMERS.filter((consumer) => consumerTakes(consumer, 'call.analyzed')).length,
    );

    // A second run of the job (a lost completion) changes nothing.
    const rerun = await enqueueJob({
      ctx: { tenant: business.tenant, nowMs: 0 },
      input: { kind: JOB_KINDS.callEnded, payload: { callId } },
    });
    await waitFor(
      async () => (await business.tenant.jobs.list()).find((job) => job.id === rerun.id)?.status === 'done',
    );
    expect((await analysedCall(callId))?.analysis).toEqual(call?.analysis);
    expect(await business.tenant.knowledgeGaps.listOpenGroups()).toMatchObject([{ count: 1 }]);
    expect(await analyzedEvents()).toHaveLength(
      EVENT_CONSUMERS.filter((consumer) => consumerTakes(consumer, 'call.analyzed')).length,
    );
  });

  it('with a key: the model’s summary through the fake Responses server', async () => {
    server = await FakeOpenAIResponsesServer.start({
      script: [
        { kind: 'text', text: 'not json at all' },
        {
          kind: 'text',
          text: JSON.stringify({
            summary: 'Sam asked whether Delta insurance is accepted. A message was taken for a callback.',
            callerName: 'Sam',
            callbackNumber: null,
            reason: 'Delta insurance',
            followUpNeeded: true,
            urgency: 'normal',
            language: 'en',
            unansweredQuestions: ['Do you take Delta insurance?'],
          }),
        },
      ],
    });
    const callId = await placeCall();
    startWorker({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl, ANALYSIS_MODEL: 'gpt-test' });
    const elapsedMs = await expectAnalysedWithinSeconds(callId);
    expect(elapsedMs).toBeLessThan(5_000);
    const call = await analysedCall(callId);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body.model).toBe('gpt-test');
    expect(call?.summary).toBe(
      'Sam asked whether Delta insurance is accepted. A message was taken for a callback.',
    );
    expect(call?.analysis).toMatchObject({
      source: 'openai',
      outcome: 'message_taken',
      language: 'en',
      unkeptPromises: [{ kind: 'price' }],
    });
  });
});
