import { randomUUID } from 'node:crypto';
import type { ToolCallEvent, ToolResultEvent } from '../engine.ts';
import type { AnyEngineTool, ToolContext, ToolResult } from '../tool.ts';

export interface ToolRunnerOptions {
  tools: readonly AnyEngineTool[];
  context: Omit<ToolContext, 'toolCallId' | 'signal'>;
  signal: AbortSignal;
  timeoutMs?: number;
  onCall(event: ToolCallEvent): void;
  onResult(event: ToolResultEvent): void;
}

const SORRY = 'Sorry, I cannot do that right now.';

/** Runs one tool call the way the OpenAI engine does: validated, time-limited, never throwing. */
export async function runTool(
  options: ToolRunnerOptions,
  name: string,
  /** Named as the tool's zod schema names them (packages/receptionist/src/tools). */
  policyArgs: Record<string, unknown>,
): Promise<ToolResult> {
  const toolCallId = `local_${randomUUID()}`;
  const tool = options.tools.find((candidate) => candidate.name === name);
  const args = policyArgs;
  options.onCall({ toolCallId, name, arguments: args });
  const startedAt = performance.now();
  const finish = (result: ToolResult, status: ToolResultEvent['status']): ToolResult => {
    options.onResult({
      toolCallId,
      name,
      arguments: args,
      result,
      status,
      latencyMs: performance.now() - startedAt,
    });
    return result;
  };
  if (!tool) return finish({ ok: false, code: 'unknown_tool', message: SORRY }, 'error');
  const parsed = tool.parameters.safeParse(args);
  if (!parsed.success) {
    return finish(
      { ok: false, code: 'invalid_arguments', message: SORRY, data: { issues: parsed.error.issues } },
      'error',
    );
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs ?? 10_000);
  const signal = AbortSignal.any([options.signal, deadline.signal]);
  try {
    const timedOut = new Promise<'timeout'>((resolve) =>
      deadline.signal.addEventListener('abort', () => resolve('timeout'), { once: true }),
    );
    const outcome = await Promise.race([
      tool.execute(parsed.data, { ...options.context, toolCallId, signal }),
      timedOut,
    ]);
    if (outcome === 'timeout') {
      return finish({ ok: false, code: 'timeout', message: 'Sorry, that is taking too long.' }, 'timeout');
    }
    return finish(outcome, outcome.ok ? 'ok' : 'failed');
  } catch (error) {
    return finish({ ok: false, code: 'tool_error', message: SORRY, data: { error: String(error) } }, 'error');
  } finally {
    clearTimeout(timer);
  }
}
