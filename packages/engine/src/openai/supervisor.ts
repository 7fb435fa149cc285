import OpenAI from 'openai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { Logger } from 'pino';
import type { TranscriptEntry } from '../engine.ts';
import type { AnyEngineTool } from '../tool.ts';
import { type ToolRunner, toolOutputForModel } from '../tools/runner.ts';
import { toolParametersJsonSchema } from './json-schema.ts';

/** Said when the supervisor cannot produce an answer in time; it never leaves the caller in silence. */
export const SUPERVISOR_FALLBACK_SENTENCE = "I couldn't check that just now. Can I take a message?";

export interface SupervisorOptions {
  apiKey: string;
  baseUrl: string;
  model: string;
  instructions: string;
  /** The business tools the supervisor may use. */
  tools: readonly AnyEngineTool[];
  runner: ToolRunner;
  deadlineMs: number;
  maxIterations: number;
  callerNumber?: string | undefined;
  /** Aborted when the call ends. */
  signal: AbortSignal;
  logger: Logger;
}

export interface SupervisorAnswer {
  /** The sentence for the receptionist to say. */
  text: string;
  outcome: 'answered' | 'deadline' | 'iteration_cap' | 'failed';
  modelCalls: number;
  latencyMs: number;
}

/**
 * The "supervisor" of the chat-supervisor pattern: a text model on the Responses API that sees the
 * conversation so far and the business tools, runs tools until it can answer, and returns one
 * sentence to speak. Bounded by an iteration cap and a deadline; any failure becomes a safe sentence.
 */
export class Supervisor {
  readonly #options: SupervisorOptions;
  readonly #client: OpenAI;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    // One retry at most: the deadline, not the client, decides how long the caller waits.
    this.#client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 1 });
  }

  /** `language` is the caller's language right now (BCP-47): the answer must be in it. */
  async answer(
    history: readonly TranscriptEntry[],
    context: string,
    language?: string,
  ): Promise<SupervisorAnswer> {
    const startedAt = performance.now();
    // Not AbortSignal.timeout(): inside AbortSignal.any() Node 20 may garbage-collect it before it fires
    // (nodejs/node#57736), and the deadline then silently never comes. A timer we hold does not vanish.
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(
      () => deadline.abort(new DOMException('supervisor deadline', 'TimeoutError')),
      this.#options.deadlineMs,
    );
    const signal = AbortSignal.any([this.#options.signal, deadline.signal]);
    const input: ResponseInputItem[] = [
      { role: 'system', content: this.#options.instructions },
      { role: 'user', content: this.#conversationText(history, context, language) },
    ];
    const tools = this.#options.tools.map((tool) => ({
      type: 'function' as const,
      name: tool.name,
      description: tool.description,
      parameters: toolParametersJsonSchema(tool),
      strict: false,
    }));
    let modelCalls = 0;
    const done = (text: string, outcome: SupervisorAnswer['outcome']): SupervisorAnswer => ({
      text,
      outcome,
      modelCalls,
      latencyMs: Math.round(performance.now() - startedAt),
    });
    try {
      while (modelCalls < this.#options.maxIterations) {
        modelCalls += 1;
        const response = await this.#client.responses.create(
          {
            model: this.#options.model,
            input,
            tools,
            parallel_tool_calls: false,
            store: false,
          },
          { signal },
        );
        const calls = response.output.filter((item) => item.type === 'function_call');
        if (calls.length === 0) {
          const text = response.output_text.trim();
          return text ? done(text, 'answered') : done(SUPERVISOR_FALLBACK_SENTENCE, 'failed');
        }
        for (const call of calls) {
          input.push({
            type: 'function_call',
            call_id: call.call_id,
            name: call.name,
            arguments: call.arguments,
          });
          const result = await Promise.race([
            this.#options.runner.run(call.name, call.arguments, call.call_id),
            abortedPromise(signal),
          ]);
          input.push({
            type: 'function_call_output',
            call_id: call.call_id,
            output: toolOutputForModel(result),
          });
        }
      }
      this.#options.logger.warn({ modelCalls }, 'supervisor hit its iteration cap');
      return done(SUPERVISOR_FALLBACK_SENTENCE, 'iteration_cap');
    } catch (error) {
      const outcome = signal.aborted && !this.#options.signal.aborted ? 'deadline' : 'failed';
      this.#options.logger.warn(
        { err: error, outcome, modelCalls },
        'supervisor failed; using the safe sentence',
      );
      return done(SUPERVISOR_FALLBACK_SENTENCE, outcome);
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  #conversationText(history: readonly TranscriptEntry[], context: string, language?: string): string {
    const alreadyDone = this.#options.runner.completed().map((event) => ({
      tool: event.name,
      arguments: event.arguments,
      status: event.status,
      result: event.result.message,
      ...(event.result.data === undefined ? {} : { data: event.result.data }),
    }));
    return [
      '==== Conversation so far ====',
      JSON.stringify(history),
      ...(alreadyDone.length > 0
        ? ['==== Tool calls already made on this call ====', JSON.stringify(alreadyDone)]
        : []),
      ...(this.#options.callerNumber ? [`==== Caller ID ====\n${this.#options.callerNumber}`] : []),
      ...(language ? [`==== Caller's language (answer in it) ====\n${language}`] : []),
      "==== Relevant context from the caller's last message ====",
      context,
    ].join('\n');
  }
}

function abortedPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
