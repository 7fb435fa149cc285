import { RealtimeAgent, tool } from '@openai/agents/realtime';
import { z } from 'zod';
import type { ConversationConfig } from '../engine.ts';
import { type ToolRunner, toolOutputForModel } from '../tools/runner.ts';
import { buildChatAgentInstructions, immediateTools, SUPERVISOR_TOOL_NAME } from './instructions.ts';
import { parametersJsonSchema, toolParametersJsonSchema } from './json-schema.ts';
import { realtimeVoice } from './session-config.ts';
import { SUPERVISOR_FALLBACK_SENTENCE } from './supervisor.ts';

/** The SDK's shape for a non-strict JSON-schema tool (our business tools may have optional fields). */
type NonStrictParameters = {
  type: 'object';
  properties: Record<string, never>;
  required: never[];
  additionalProperties: true;
};

export interface ChatAgentOptions {
  config: ConversationConfig;
  runner: ToolRunner;
  /** Asks the supervisor; always resolves with a sentence to say. */
  askSupervisor: (relevantContext: string, callerLanguage?: string) => Promise<string>;
  /** Backstop for the supervisor tool inside the SDK; the supervisor's own deadline is shorter. */
  supervisorToolTimeoutMs: number;
}

/** What the realtime agent passes to the supervisor. */
const SupervisorQuestion = z.object({
  relevantContextFromLastUserMessage: z
    .string()
    .describe("Key information from the caller's most recent message, in a sentence."),
  callerLanguage: z
    .string()
    .nullish()
    .describe('BCP-47 tag of the language the caller is speaking now, e.g. en-US or es-MX.'),
});

/**
 * The realtime (junior) receptionist: business instructions plus chat-supervisor rules, the profile's
 * voice, the supervisor tool, and the few tools that must act at once (`immediate`: hanging up, transferring).
 * Immediate tools run through the same ToolRunner as the supervisor's, keyed by the Realtime call id.
 */
export function buildChatAgent(options: ChatAgentOptions): RealtimeAgent {
  const { config, runner } = options;
  // A JSON schema converted once, not a zod schema: the SDK converts zod to a strict schema on every
  // `tool()` (half a millisecond each, with an error thrown and caught inside), and this runs per call.
  const supervisorTool = tool({
    name: SUPERVISOR_TOOL_NAME,
    description:
      'Asks the supervisor what to say next. Use for every question or request you may not handle yourself.',
    parameters: parametersJsonSchema(SupervisorQuestion) as unknown as NonStrictParameters,
    strict: false,
    timeoutMs: options.supervisorToolTimeoutMs,
    timeoutBehavior: 'error_as_result',
    timeoutErrorFunction: () => SUPERVISOR_FALLBACK_SENTENCE,
    execute: (raw) => {
      const input = SupervisorQuestion.parse(raw);
      return options.askSupervisor(
        input.relevantContextFromLastUserMessage,
        input.callerLanguage ?? undefined,
      );
    },
  });
  const actingTools = immediateTools(config.tools).map((engineTool) =>
    tool({
      name: engineTool.name,
      description: engineTool.description,
      parameters: toolParametersJsonSchema(engineTool) as unknown as NonStrictParameters,
      strict: false,
      execute: async (input, _runContext, details) => {
        const callId = details?.toolCall?.callId ?? `realtime_${engineTool.name}_${Date.now()}`;
        return toolOutputForModel(await runner.run(engineTool.name, input, callId));
      },
    }),
  );
  return new RealtimeAgent({
    name: 'receptionist',
    voice: realtimeVoice(config.voice),
    instructions: buildChatAgentInstructions(config),
    tools: [supervisorTool, ...actingTools],
  });
}
