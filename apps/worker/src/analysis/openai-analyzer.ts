import {
  analysisFromModel,
  CallAnalysisModelOutput,
  type CallFacts,
  deterministicAnalysis,
} from '@receptionist/domain';
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import type { Logger } from 'pino';
import type { CallAnalyzer } from './analyzer.ts';
import { ANALYSIS_INSTRUCTIONS, renderCallForModel } from './prompt.ts';

export interface OpenAIAnalyzerOptions {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  /** Per request. */
  timeoutMs: number;
  /** Requests before falling back to the deterministic analysis. */
  maxAttempts: number;
  logger: Logger;
}

/** Why one attempt produced no usable analysis. */
type AttemptFailure = {
  kind: 'refusal' | 'invalid_output' | 'request_failed' | 'incomplete';
  detail: string;
};

const FORMAT = zodTextFormat(CallAnalysisModelOutput, 'call_analysis');

/**
 * The Responses API with a strict JSON schema built from the domain's zod schema. The SDK's own retries
 * are off so this loop owns the attempts: a timeout, a server error or output that does not parse is
 * tried again; a refusal is final (asking again gets the same answer). When no attempt works the call
 * still gets the deterministic analysis, so the owner always sees a summary.
 */
export function createOpenAIAnalyzer(options: OpenAIAnalyzerOptions): CallAnalyzer {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: 0,
  });

  async function attempt(
    facts: CallFacts,
    signal: AbortSignal,
  ): Promise<CallAnalysisModelOutput | AttemptFailure> {
    let response: Awaited<ReturnType<typeof client.responses.create>>;
    try {
      response = await client.responses.create(
        {
          model: options.model,
          instructions: ANALYSIS_INSTRUCTIONS,
          input: renderCallForModel(facts),
          text: { format: FORMAT },
          store: false,
        },
        { signal },
      );
    } catch (error) {
      return { kind: 'request_failed', detail: error instanceof Error ? error.message : String(error) };
    }
    if (response.status !== undefined && response.status !== 'completed') {
      return { kind: 'incomplete', detail: `response status ${response.status}` };
    }
    for (const item of response.output) {
      if (item.type !== 'message') continue;
      for (const part of item.content) {
        if (part.type === 'refusal') return { kind: 'refusal', detail: part.refusal };
        if (part.type !== 'output_text') continue;
        let json: unknown;
        try {
          json = JSON.parse(part.text);
        } catch {
          return { kind: 'invalid_output', detail: 'output is not JSON' };
        }
        const parsed = CallAnalysisModelOutput.safeParse(json);
        if (parsed.success) return parsed.data;
        return { kind: 'invalid_output', detail: parsed.error.issues[0]?.message ?? 'schema mismatch' };
      }
    }
    return { kind: 'invalid_output', detail: 'no output text' };
  }

  return async (facts, { signal }) => {
    for (let number = 1; number <= options.maxAttempts; number += 1) {
      if (signal.aborted) break;
      const result = await attempt(facts, signal);
      if (!('kind' in result)) return analysisFromModel(facts, result);
      options.logger.warn(
        { callId: facts.callId, attempt: number, failure: result.kind, detail: result.detail },
        'post-call analysis attempt failed',
      );
      if (result.kind === 'refusal') break;
    }
    options.logger.warn({ callId: facts.callId }, 'post-call analysis: using the deterministic summary');
    return deterministicAnalysis(facts);
  };
}
