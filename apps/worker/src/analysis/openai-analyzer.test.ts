import type { CallFacts } from '@receptionist/domain';
import { FakeOpenAIResponsesServer, type FakeResponsesStep } from '@receptionist/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../testing/harness.ts';
import { createOpenAIAnalyzer } from './openai-analyzer.ts';

const FACTS: CallFacts = {
  callId: 'call_1',
  status: 'completed',
  endReason: 'caller_hangup',
  durationMs: 30_000,
  fromNumber: '+12125550123',
  storedOutcome: null,
  turns: [
    { role: 'caller', text: 'Do you take Delta insurance? If not, have someone call me.' },
    { role: 'agent', text: "I don't have that information. Someone will call you back." },
  ],
  tools: [
    {
      name: 'answer_question',
      arguments: { question: 'Do you take Delta insurance?' },
      ok: false,
      message: "I don't have that information.",
      code: 'no_answer',
      data: undefined,
    },
  ],
  prices: [],
  language: 'en-US',
};

const MODEL_OUTPUT = {
  summary:
    'Jo asked whether Delta insurance is accepted. The receptionist did not know and promised a callback.',
  callerName: 'Jo',
  callbackNumber: null,
  reason: 'Insurance question',
  followUpNeeded: true,
  urgency: 'normal',
  language: 'en',
  unansweredQuestions: ['Do you take Delta insurance?'],
};

const ok: FakeResponsesStep = { kind: 'text', text: JSON.stringify(MODEL_OUTPUT) };

let server: FakeOpenAIResponsesServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function analyse(
  script: FakeResponsesStep[],
  overrides: { timeoutMs?: number; maxAttempts?: number } = {},
) {
  server = await FakeOpenAIResponsesServer.start({ script });
  const { logger, records } = createCapturingLogger();
  const analyzer = createOpenAIAnalyzer({
    apiKey: 'sk-test',
    baseUrl: server.baseUrl,
    model: 'gpt-test-analysis',
    timeoutMs: overrides.timeoutMs ?? 2_000,
    maxAttempts: overrides.maxAttempts ?? 2,
    logger,
  });
  const analysis = await analyzer(FACTS, { signal: new AbortController().signal });
  return {
    analysis,
    requests: server.requests,
    failures: records.map((record) => record.failure).filter(Boolean),
  };
}

describe('the OpenAI post-call analyser', () => {
  it('asks the Responses API for a strict JSON schema built from the zod schema', async () => {
    const { analysis, requests } = await analyse([ok]);
    expect(requests).toHaveLength(1);
    const body = requests[0]!.body as Record<string, unknown> & { text: { format: Record<string, unknown> } };
    expect(body.model).toBe('gpt-test-analysis');
    expect(requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(body.text.format).toMatchObject({ type: 'json_schema', name: 'call_analysis', strict: true });
    const schema = body.text.format.schema as { required: string[]; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(Object.keys(MODEL_OUTPUT).sort());
    expect(body.input).toContain(
      'answer_question {"question":"Do you take Delta insurance?"} → FAILED (no_answer)',
    );
    expect(analysis).toMatchObject({
      source: 'openai',
      summary: MODEL_OUTPUT.summary,
      callerName: 'Jo',
      outcome: 'no_action',
      followUpNeeded: true,
      unansweredQuestions: ['Do you take Delta insurance?'],
    });
    // The model said a callback was coming; no message was taken: the promise check still flags it.
    expect(analysis.unkeptPromises.map((promise) => promise.kind)).toEqual(['callback']);
  });

  it('retries output that is not JSON, or not the schema, and uses the next good answer', async () => {
    const { analysis, requests, failures } = await analyse(
      [{ kind: 'text', text: '{"summary": "cut off' }, ok],
      { maxAttempts: 3 },
    );
    expect(requests).toHaveLength(2);
    expect(failures).toEqual(['invalid_output']);
    expect(analysis.source).toBe('openai');
  });

  it('falls back to the deterministic analysis when every answer is invalid', async () => {
    const wrongShape: FakeResponsesStep = {
      kind: 'text',
      text: JSON.stringify({ ...MODEL_OUTPUT, urgency: 'extreme' }),
    };
    const { analysis, requests, failures } = await analyse([{ kind: 'text', text: 'not json' }, wrongShape]);
    expect(requests).toHaveLength(2);
    expect(failures).toEqual(['invalid_output', 'invalid_output']);
    expect(analysis.source).toBe('deterministic');
    expect(analysis.summary).toContain('could not answer: “Do you take Delta insurance?”');
  });

  it('takes a refusal as final: no retry, the deterministic analysis', async () => {
    const { analysis, requests, failures } = await analyse([
      { kind: 'refusal', refusal: "I'm sorry, I can't help with that." },
      ok,
    ]);
    expect(requests).toHaveLength(1);
    expect(failures).toEqual(['refusal']);
    expect(analysis.source).toBe('deterministic');
  });

  it('retries a request that times out, then falls back when it keeps timing out', async () => {
    const once = await analyse([{ ...ok, delayMs: 1_000 }, ok], { timeoutMs: 200 });
    expect(once.failures).toEqual(['request_failed']);
    expect(once.analysis.source).toBe('openai');
    await server?.close();
    const always = await analyse(
      [
        { ...ok, delayMs: 1_000 },
        { ...ok, delayMs: 1_000 },
      ],
      { timeoutMs: 200 },
    );
    expect(always.requests).toHaveLength(2);
    expect(always.failures).toEqual(['request_failed', 'request_failed']);
    expect(always.analysis.source).toBe('deterministic');
  });

  it('retries a server error', async () => {
    const { analysis, failures } = await analyse([{ kind: 'http_error', status: 500 }, ok]);
    expect(failures).toEqual(['request_failed']);
    expect(analysis.source).toBe('openai');
  });
});
