import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ToolCallEvent, ToolResultEvent } from '../engine.ts';
import { type AnyEngineTool, defineTool } from '../tool.ts';
import { LATE_RESULT_PREFIX, TOOL_FAILURE_SENTENCES, ToolRunner } from './runner.ts';

const context = { businessId: 'biz_1', callId: 'call_1', callerNumber: '+12025550123' };

function runnerFor(tools: AnyEngineTool[], options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const calls: ToolCallEvent[] = [];
  const results: ToolResultEvent[] = [];
  const late: ToolResultEvent[] = [];
  const runner = new ToolRunner({
    tools,
    context,
    timeoutMs: options.timeoutMs ?? 1_000,
    signal: options.signal ?? new AbortController().signal,
    onToolCall: (event) => calls.push(event),
    onToolResult: (event) => results.push(event),
    onLateResult: (event) => late.push(event),
  });
  return { runner, calls, results, late };
}

/** A tool that counts the arguments it was handed, and how often it ran. */
function countingTool(overrides: Partial<AnyEngineTool> = {}) {
  const seen: unknown[] = [];
  const parameters = z.object({ service: z.string().trim().min(1), party: z.number().default(1) });
  const parse = vi.spyOn(parameters, 'safeParse');
  const tool = defineTool({
    name: 'book',
    description: 'Call when booking.',
    parameters,
    execute: async (args, toolContext) => {
      seen.push({ args, toolCallId: toolContext.toolCallId, businessId: toolContext.businessId });
      return { ok: true, message: `Booked a ${args.service}.` };
    },
    ...overrides,
  });
  return { tool, seen, parse };
}

describe('ToolRunner', () => {
  it('parses JSON text, validates once with the tool schema and hands the tool the parsed values', async () => {
    const { tool, seen, parse } = countingTool();
    const { runner, calls, results } = runnerFor([tool]);
    const event = await runner.run('book', '{"service":"  Cleaning "}', 'tc_1');
    expect(parse).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([
      { args: { service: 'Cleaning', party: 1 }, toolCallId: 'tc_1', businessId: 'biz_1' },
    ]);
    expect(event).toMatchObject({ toolCallId: 'tc_1', name: 'book', status: 'ok', result: { ok: true } });
    expect(event.recorded).toBeUndefined();
    expect(calls).toEqual([{ toolCallId: 'tc_1', name: 'book', arguments: { service: '  Cleaning ' } }]);
    expect(results).toEqual([event]);
  });

  it('refuses invalid arguments with a sayable sentence and the issues for the model, never running the tool', async () => {
    const { tool, seen } = countingTool();
    const { runner, results } = runnerFor([tool]);
    const event = await runner.run('book', { service: '' }, 'tc_bad');
    expect(seen).toEqual([]);
    expect(event).toMatchObject({
      status: 'error',
      result: {
        ok: false,
        code: 'invalid_arguments',
        message: TOOL_FAILURE_SENTENCES.invalidArguments,
        data: { issues: [expect.stringContaining('service')] },
      },
    });
    expect(results).toHaveLength(1);
  });

  it('answers an unknown tool with a sentence', async () => {
    const { runner } = runnerFor([]);
    const event = await runner.run('fly_to_moon', {}, 'tc_moon');
    expect(event).toMatchObject({
      status: 'error',
      result: { ok: false, code: 'unknown_tool', message: TOOL_FAILURE_SENTENCES.unknownTool },
    });
  });

  it('returns the first outcome for a replayed tool-call id without running the tool or emitting again', async () => {
    const { tool, seen } = countingTool();
    const { runner, calls, results } = runnerFor([tool]);
    const first = await runner.run('book', { service: 'Cleaning' }, 'tc_same');
    const replay = await runner.run('book', { service: 'Whitening' }, 'tc_same');
    expect(replay).toBe(first);
    expect(seen).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(results).toHaveLength(1);
    expect(runner.completed()).toEqual([first]);
  });

  it('gives up on a slow tool after the timeout, aborting its signal', async () => {
    let toolSignal: AbortSignal | undefined;
    const slow = defineTool({
      name: 'slow',
      description: 'Call when slow.',
      parameters: z.object({}),
      execute: (_args, toolContext) => {
        toolSignal = toolContext.signal;
        return new Promise(() => undefined);
      },
    });
    const { runner } = runnerFor([slow], { timeoutMs: 20 });
    const event = await runner.run('slow', {}, 'tc_slow');
    expect(event).toMatchObject({
      status: 'timeout',
      result: { ok: false, code: 'timeout', message: TOOL_FAILURE_SENTENCES.timeout },
    });
    expect(toolSignal?.aborted).toBe(true);
  });

  it('tells the caller late when a timed-out tool could not cancel and succeeded anyway', async () => {
    let finish: (() => void) | undefined;
    const committing = defineTool({
      name: 'committing',
      description: 'Call when committing.',
      parameters: z.object({}),
      recordsOwnResult: true,
      // Past the point of no return: it ignores the abort and commits.
      execute: () =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true, message: 'Your appointment is booked.' });
        }),
    });
    const { runner, results, late } = runnerFor([committing], { timeoutMs: 20 });
    const first = await runner.run('committing', {}, 'tc_late');
    expect(first.status).toBe('timeout');
    expect(late).toEqual([]);
    finish?.();
    await vi.waitFor(() => expect(late).toHaveLength(1));
    expect(late[0]).toMatchObject({
      toolCallId: 'tc_late',
      status: 'late',
      recorded: true,
      result: { ok: true, message: `${LATE_RESULT_PREFIX} Your appointment is booked.` },
    });
    expect(results.map((event) => event.status)).toEqual(['timeout', 'late']);
  });

  it('says nothing more when a timed-out tool cancels its effect on abort', async () => {
    const cancelling = defineTool({
      name: 'cancelling',
      description: 'Call when cancelling.',
      parameters: z.object({}),
      execute: (_args, toolContext) =>
        new Promise((_resolve, reject) => {
          toolContext.signal?.addEventListener('abort', () => reject(toolContext.signal?.reason));
        }),
    });
    const { runner, results, late } = runnerFor([cancelling], { timeoutMs: 20 });
    expect((await runner.run('cancelling', {}, 'tc_cancel')).status).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(late).toEqual([]);
    expect(results).toHaveLength(1);
  });

  it('turns a thrown error into a sentence, with no internals for the caller or the model', async () => {
    const { tool } = countingTool({
      execute: async () => {
        throw new Error('connection refused to db at 10.0.0.3');
      },
    });
    const { runner } = runnerFor([tool]);
    const event = await runner.run('book', { service: 'Cleaning' }, 'tc_throw');
    expect(event).toMatchObject({
      status: 'error',
      result: { ok: false, code: 'tool_error', message: TOOL_FAILURE_SENTENCES.error },
    });
    expect(JSON.stringify(event.result)).not.toContain('10.0.0.3');
    expect(event.recorded).toBeUndefined();
  });

  it('marks results of tools that record themselves, and only results that came back from the tool', async () => {
    const { tool } = countingTool({ recordsOwnResult: true });
    const { runner } = runnerFor([tool]);
    expect((await runner.run('book', { service: 'Cleaning' }, 'tc_ok')).recorded).toBe(true);
    expect((await runner.run('book', { service: '' }, 'tc_invalid')).recorded).toBeUndefined();
  });

  it('aborts a running tool when the call ends', async () => {
    const call = new AbortController();
    let toolSignal: AbortSignal | undefined;
    const waiting = defineTool({
      name: 'wait',
      description: 'Call when waiting.',
      parameters: z.object({}),
      execute: (_args, toolContext) => {
        toolSignal = toolContext.signal;
        return new Promise((resolve) =>
          toolContext.signal?.addEventListener('abort', () => resolve({ ok: false, message: 'Stopped.' })),
        );
      },
    });
    const { runner } = runnerFor([waiting], { signal: call.signal });
    const pending = runner.run('wait', {}, 'tc_wait');
    await vi.waitFor(() => expect(toolSignal).toBeDefined());
    call.abort();
    expect(await pending).toMatchObject({ status: 'failed', result: { message: 'Stopped.' } });
  });
});
