import type { Logger } from 'pino';
import type { ToolCallEvent, ToolResultEvent } from '../engine.ts';
import type { AnyEngineTool, ToolContext, ToolResult } from '../tool.ts';
import { parseToolArguments } from './arguments.ts';

export interface ToolRunnerOptions {
  tools: readonly AnyEngineTool[];
  /** Who the call is for; each run adds its own tool-call id and abort signal. */
  context: Omit<ToolContext, 'toolCallId' | 'signal'>;
  /** How long one tool may take before the caller hears a sentence instead of its answer. */
  timeoutMs: number;
  /** Aborted when the call ends; every tool's own signal follows it. */
  signal: AbortSignal;
  onToolCall: (event: ToolCallEvent) => void;
  onToolResult: (event: ToolResultEvent) => void;
  /**
   * A tool that timed out finished anyway with an effect (it was too late to cancel): the caller was told
   * "didn't answer in time" and must now hear what really happened. The event's status is `late`.
   */
  onLateResult?: ((event: ToolResultEvent) => void) | undefined;
  logger?: Logger | undefined;
}

/** What the caller hears when a tool could not give its own answer. Sayable by both engines as is. */
export const TOOL_FAILURE_SENTENCES = {
  unknownTool: 'Sorry, I cannot do that on this call.',
  invalidArguments: "Sorry, I didn't catch all the details. Could you say that again?",
  timeout: "Sorry, the system didn't answer in time.",
  error: "Sorry, that didn't work just now.",
} as const;

/**
 * Runs business tools for one call, for every engine: parses the raw arguments (JSON text or an object),
 * validates them once with the tool's schema, limits the time, and never throws. Each invocation is keyed
 * by its tool-call id: a second request with the same id (a replayed event, a reconnect) gets the first
 * outcome and never re-runs the side effect or re-emits its events.
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
      this.#options.logger?.warn(
        { toolCallId, tool: name },
        'tool call repeated; returning its first result',
      );
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
    const args = parseToolArguments(rawArguments);
    this.#options.onToolCall({ toolCallId, name, arguments: args });
    const finish = (
      result: ToolResult,
      status: ToolResultEvent['status'],
      recorded = false,
    ): ToolResultEvent => ({
      toolCallId,
      name,
      arguments: args,
      result,
      status,
      latencyMs: Math.round(performance.now() - startedAt),
      ...(recorded ? { recorded } : {}),
    });
    const tool = this.#options.tools.find((candidate) => candidate.name === name);
    if (!tool) {
      return finish(
        {
          ok: false,
          code: 'unknown_tool',
          message: TOOL_FAILURE_SENTENCES.unknownTool,
          data: { reason: `There is no tool named ${name}.` },
        },
        'error',
      );
    }
    const parsed = tool.parameters.safeParse(args);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      );
      return finish(
        {
          ok: false,
          code: 'invalid_arguments',
          message: TOOL_FAILURE_SENTENCES.invalidArguments,
          data: { issues },
        },
        'error',
      );
    }
    const controller = new AbortController();
    const onCallEnded = () => controller.abort(this.#options.signal.reason);
    this.#options.signal.addEventListener('abort', onCallEnded, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#options.timeoutMs);
    });
    try {
      const execution = tool.execute(parsed.data, {
        ...this.#options.context,
        toolCallId,
        signal: controller.signal,
      });
      const outcome = await Promise.race([execution, timedOut]);
      if (outcome === 'timeout') {
        // Tools must cancel their effect on abort (a write rolls back); one that could not (it had
        // already committed) settles with ok, and the caller is told that late rather than never.
        controller.abort(new Error(`tool ${name} timed out`));
        this.#watchLateResult(execution, tool.recordsOwnResult === true, finish);
        return finish({ ok: false, code: 'timeout', message: TOOL_FAILURE_SENTENCES.timeout }, 'timeout');
      }
      return finish(outcome, outcome.ok ? 'ok' : 'failed', tool.recordsOwnResult === true);
    } catch (error) {
      this.#options.logger?.error({ err: error, toolCallId, tool: name }, 'tool threw');
      return finish({ ok: false, code: 'tool_error', message: TOOL_FAILURE_SENTENCES.error }, 'error');
    } finally {
      clearTimeout(timer);
      this.#options.signal.removeEventListener('abort', onCallEnded);
    }
  }

  /** After a timeout: an execution that still succeeds had an effect the caller must hear about. */
  #watchLateResult(
    execution: Promise<ToolResult>,
    recorded: boolean,
    finish: (result: ToolResult, status: ToolResultEvent['status'], recorded?: boolean) => ToolResultEvent,
  ): void {
    execution.then(
      (result) => {
        if (!result.ok) return;
        const event = finish(
          { ...result, message: `${LATE_RESULT_PREFIX} ${result.message}` },
          'late',
          recorded,
        );
        this.#options.logger?.warn(
          { toolCallId: event.toolCallId, tool: event.name, latencyMs: event.latencyMs },
          'tool finished after its timeout; telling the caller',
        );
        this.#completed.push(event);
        this.#options.onToolResult(event);
        this.#options.onLateResult?.(event);
      },
      // Cancelled as asked (or failed): what the caller heard stays true.
      () => undefined,
    );
  }
}

/** Put before a late result's own sentence: the caller already heard that it did not answer in time. */
export const LATE_RESULT_PREFIX = 'An update on what you asked a moment ago:';

/** What the models see of a tool's result. */
export function toolOutputForModel(event: ToolResultEvent): string {
  const { ok, message, data, code } = event.result;
  return JSON.stringify({ ok, message, ...(code ? { code } : {}), ...(data === undefined ? {} : { data }) });
}
