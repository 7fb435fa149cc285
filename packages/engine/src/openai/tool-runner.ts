import type { Logger } from 'pino';
import type { ToolCallEvent, ToolResultEvent } from '../engine.ts';
import type { AnyEngineTool, ToolResult } from '../tool.ts';

export interface ToolRunnerOptions {
  tools: readonly AnyEngineTool[];
  businessId: string;
  callId: string;
  callerNumber?: string | undefined;
  toolTimeoutMs: number;
  /** Aborted when the call ends; every tool's own signal follows it. */
  signal: AbortSignal;
  onToolCall: (event: ToolCallEvent) => void;
  onToolResult: (event: ToolResultEvent) => void;
  logger: Logger;
}

const TIMEOUT_RESULT: ToolResult = {
  ok: false,
  code: 'timeout',
  message: "The system didn't answer in time.",
};

/**
 * Runs business tools for one call. Each invocation is keyed by its tool-call id: a second request
 * with the same id (a replayed event, a reconnect) gets the first outcome and never re-runs the side
 * effect. Every run is reported as tool_call + tool_result for the call log.
 */
export class ToolRunner {
  readonly #options: ToolRunnerOptions;
  readonly #ledger = new Map<string, Promise<ToolResultEvent>>();
  readonly #completed: ToolResultEvent[] = [];

  constructor(options: ToolRunnerOptions) {
    this.#options = options;
  }

  /** Finished invocations, oldest first (the supervisor is told about them so it never repeats them). */
  completed(): readonly ToolResultEvent[] {
    return this.#completed;
  }

  has(name: string): boolean {
    return this.#options.tools.some((tool) => tool.name === name);
  }

  run(name: string, rawArguments: unknown, toolCallId: string): Promise<ToolResultEvent> {
    const existing = this.#ledger.get(toolCallId);
    if (existing) {
      this.#options.logger.warn({ toolCallId, tool: name }, 'tool call repeated; returning its first result');
      return existing;
    }
    const run = this.#run(name, rawArguments, toolCallId).then((event) => {
      this.#completed.push(event);
      this.#options.onToolResult(event);
      return event;
    });
    this.#ledger.set(toolCallId, run);
    return run;
  }

  async #run(name: string, rawArguments: unknown, toolCallId: string): Promise<ToolResultEvent> {
    const startedAt = performance.now();
    let args: unknown = rawArguments;
    if (typeof rawArguments === 'string') {
      try {
        args = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
      } catch {
        args = rawArguments;
      }
    }
    this.#options.onToolCall({ toolCallId, name, arguments: args });
    const finish = (result: ToolResult, status: ToolResultEvent['status']): ToolResultEvent => ({
      toolCallId,
      name,
      arguments: args,
      result,
      status,
      latencyMs: Math.round(performance.now() - startedAt),
    });
    const tool = this.#options.tools.find((candidate) => candidate.name === name);
    if (!tool) {
      return finish({ ok: false, code: 'unknown_tool', message: `There is no tool named ${name}.` }, 'error');
    }
    const parsed = tool.parameters.safeParse(args);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
      return finish(
        { ok: false, code: 'invalid_arguments', message: `Invalid arguments. ${issues.join('; ')}` },
        'error',
      );
    }
    const controller = new AbortController();
    const onCallEnded = () => controller.abort(this.#options.signal.reason);
    this.#options.signal.addEventListener('abort', onCallEnded, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#options.toolTimeoutMs);
    });
    try {
      const outcome = await Promise.race([
        tool.execute(parsed.data, {
          businessId: this.#options.businessId,
          callId: this.#options.callId,
          toolCallId,
          callerNumber: this.#options.callerNumber,
          signal: controller.signal,
        }),
        timedOut,
      ]);
      if (outcome === 'timeout') {
        controller.abort(new Error(`tool ${name} timed out`));
        return finish(TIMEOUT_RESULT, 'timeout');
      }
      return finish(outcome, outcome.ok ? 'ok' : 'failed');
    } catch (error) {
      this.#options.logger.error({ err: error, toolCallId, tool: name }, 'tool threw');
      return finish({ ok: false, code: 'tool_error', message: "That didn't work just now." }, 'error');
    } finally {
      clearTimeout(timer);
      this.#options.signal.removeEventListener('abort', onCallEnded);
    }
  }
}

/** What the models see of a tool's result. */
export function toolOutputForModel(event: ToolResultEvent): string {
  const { ok, message, data, code } = event.result;
  return JSON.stringify({ ok, message, ...(code ? { code } : {}), ...(data === undefined ? {} : { data }) });
}
