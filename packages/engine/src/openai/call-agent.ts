import type { RealtimeAgent } from '@openai/agents/realtime';
import type { Logger } from 'pino';
import { succeededTools, UNBACKED_COMMITMENT } from '../commitments.ts';
import type { ConversationConfig, TranscriptEntry } from '../engine.ts';
import { ToolRunner } from '../tools/runner.ts';
import { buildChatAgent } from './agent.ts';
import type { EmitConversationEvent } from './event-router.ts';
import { buildSupervisorInstructions } from './instructions.ts';
import type { ResolvedOpenAIEngineOptions } from './options.ts';
import { Supervisor } from './supervisor.ts';

export interface CallAgentInput {
  config: ConversationConfig;
  options: ResolvedOpenAIEngineOptions;
  /** Aborted when the call ends: stops the supervisor and every tool. */
  signal: AbortSignal;
  logger: Logger;
  emit: EmitConversationEvent;
  /** What was said so far, as heard, for the supervisor. */
  history: () => TranscriptEntry[];
  /** Which Realtime connection is current; an answer is delivered with the one it was asked on. */
  generation: () => number;
  /** Every supervisor answer, with the connection generation it was asked on. */
  onAnswer: (text: string, askedOnGeneration: number) => void;
  /** A tool succeeded after its timeout was reported: the caller must hear this sentence. */
  onLateResult: (sentence: string) => void;
}

/** One call's brain: the realtime agent, and a check of what the agent itself said. */
export interface CallAgent {
  agent: RealtimeAgent;
  /**
   * Reviews a line the realtime agent already spoke: a confirmation no tool backs is counted and the
   * truthful sentence to say next is returned (the audio is out; the correction follows it).
   */
  reviewAgentLine(text: string): string | undefined;
}

/** The served language `wanted` names (same tag, else same base language); any tag when none are listed. */
function servedLanguage(config: ConversationConfig, wanted: string | undefined): string | undefined {
  const tag = wanted?.trim();
  if (!tag || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return undefined;
  const served = config.languages ?? [];
  if (served.length === 0) return tag;
  const base = (value: string) => value.split('-')[0]?.toLowerCase();
  return (
    served.find((language) => language.toLowerCase() === tag.toLowerCase()) ??
    served.find((language) => base(language) === base(tag))
  );
}

/**
 * Wires one call's brain: the tool runner (shared by the supervisor and the immediate tools, so a
 * tool-call id runs once), the supervisor with the domain tools, and the realtime chat agent.
 * Lives for the whole call; each Realtime connection reuses the same agent.
 */
export function buildCallAgent(input: CallAgentInput): CallAgent {
  const { config, options, signal, logger, emit } = input;
  let callerLanguage = config.language;
  const runner = new ToolRunner({
    tools: config.tools,
    context: {
      businessId: config.businessId,
      callId: config.callId,
      callerNumber: config.callerNumber,
      // A getter: the runner copies the context per invocation, so each tool sees the language of the moment.
      get language() {
        return callerLanguage;
      },
    },
    timeoutMs: options.toolTimeoutMs,
    signal,
    onToolCall: (event) => emit('tool_call', event),
    onToolResult: (event) => emit('tool_result', event),
    onLateResult: (event) => input.onLateResult(event.result.message),
    logger,
  });
  const supervisor = new Supervisor({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    model: options.supervisorModel,
    instructions: buildSupervisorInstructions(config),
    tools: config.tools.filter((tool) => tool.immediate !== true),
    runner,
    deadlineMs: options.supervisorDeadlineMs,
    maxIterations: options.supervisorMaxIterations,
    callerNumber: config.callerNumber,
    signal,
    logger,
  });
  /** A confirmation in `text` that no successful tool backs: counted, and the truthful sentence returned. */
  const unbacked = (text: string, source: 'supervisor' | 'realtime_agent') => {
    const claim = config.commitments?.review(text, succeededTools(runner.completed()), callerLanguage);
    if (claim === undefined) return undefined;
    logger.warn({ kind: claim.kind, source }, 'a confirmation no tool backs was caught');
    emit('decision', {
      kind: UNBACKED_COMMITMENT,
      detail: claim.kind,
      data: { source, claim: claim.claim, replacement: claim.replacement },
    });
    return claim.replacement;
  };
  const askSupervisor = async (context: string, language?: string): Promise<string> => {
    const generation = input.generation();
    const heard = servedLanguage(config, language);
    if (heard !== undefined && heard !== callerLanguage) {
      emit('decision', { kind: 'caller_language', detail: heard, data: { from: callerLanguage } });
      callerLanguage = heard;
    }
    emit('decision', { kind: 'supervisor_consulted', detail: context });
    const answer = await supervisor.answer(input.history(), context, callerLanguage);
    emit('decision', {
      kind: 'supervisor_answered',
      detail: answer.outcome,
      data: { latencyMs: answer.latencyMs, modelCalls: answer.modelCalls },
    });
    const text = unbacked(answer.text, 'supervisor') ?? answer.text;
    input.onAnswer(text, generation);
    return text;
  };
  const agent = buildChatAgent({
    config,
    runner,
    askSupervisor,
    supervisorToolTimeoutMs: options.supervisorDeadlineMs + 2_000,
  });
  return {
    agent,
    reviewAgentLine: (text) => unbacked(text, 'realtime_agent'),
  };
}
