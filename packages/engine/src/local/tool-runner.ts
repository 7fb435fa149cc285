import { randomUUID } from 'node:crypto';
import type { ToolCallEvent, ToolResultEvent } from '../engine.ts';
import type { AnyEngineTool, ToolContext, ToolResult } from '../tool.ts';

/**
 * The policy names arguments by meaning (service, startsAt, customerPhone…); tools name them as their
 * zod schema says. Each group lists the names one meaning goes by, so a tool's key is filled from
 * whichever name the policy used.
 */
const ALIASES: string[][] = [
  ['serviceId', 'service_id'],
  ['service', 'serviceName', 'service_name'],
  ['date', 'day', 'onDate'],
  [
    'startsAt',
    'startAt',
    'start',
    'startTime',
    'start_time',
    'starts_at',
    'dateTime',
    'datetime',
    'newStartsAt',
    'newStart',
  ],
  ['customerName', 'name', 'callerName', 'caller_name', 'customer_name', 'fullName'],
  [
    'customerPhone',
    'phone',
    'phoneNumber',
    'callerNumber',
    'caller_number',
    'customer_phone',
    'callbackNumber',
  ],
  ['reason', 'message', 'body', 'text', 'content', 'note'],
  ['destination', 'destinationName', 'to', 'target'],
  ['destinationId', 'destination_id'],
  ['question', 'query', 'topic'],
  ['appointmentId', 'appointment_id', 'id'],
];

function aliasesOf(key: string): string[] {
  return ALIASES.find((group) => group.includes(key)) ?? [key];
}

/** Maps the policy's argument names onto the tool's schema keys (unknown keys are left out). */
export function adaptArguments(tool: AnyEngineTool, args: Record<string, unknown>): Record<string, unknown> {
  const adapted: Record<string, unknown> = {};
  for (const key of Object.keys(tool.parameters.shape)) {
    if (args[key] !== undefined) {
      adapted[key] = args[key];
      continue;
    }
    const source = Object.keys(args).find(
      (name) => aliasesOf(key).includes(name) && args[name] !== undefined,
    );
    if (source !== undefined) adapted[key] = args[source];
  }
  return adapted;
}

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
  policyArgs: Record<string, unknown>,
): Promise<ToolResult> {
  const toolCallId = `local_${randomUUID()}`;
  const tool = options.tools.find((candidate) => candidate.name === name);
  const args = tool ? adaptArguments(tool, policyArgs) : policyArgs;
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
