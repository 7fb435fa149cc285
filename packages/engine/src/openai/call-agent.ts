import type { RealtimeAgent } from '@openai/agents/realtime';
import type { Logger } from 'pino';
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

/**
 * Wires one call's brain: the tool runner (shared by the supervisor and the immediate tools, so a
 * tool-call id runs once), the supervisor with the domain tools, and the realtime chat agent.
 * Lives for the whole call; each Realtime connection reuses the same agent.
 */
export function buildCallAgent(input: CallAgentInput): RealtimeAgent {
  const { config, options, signal, logger, emit } = input;
  const runner = new ToolRunner({
    tools: config.tools,
    context: { businessId: config.businessId, callId: config.callId, callerNumber: config.callerNumber },
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
  const askSupervisor = async (context: string): Promise<string> => {
    const generation = input.generation();
    emit('decision', { kind: 'supervisor_consulted', detail: context });
    const answer = await supervisor.answer(input.history(), context);
    emit('decision', {
      kind: 'supervisor_answered',
      detail: answer.outcome,
      data: { latencyMs: answer.latencyMs, modelCalls: answer.modelCalls },
    });
    input.onAnswer(answer.text, generation);
    return answer.text;
  };
  return buildChatAgent({
    config,
    runner,
    askSupervisor,
    supervisorToolTimeoutMs: options.supervisorDeadlineMs + 2_000,
  });
}
