import { type FunctionTool, invokeFunctionTool, RunContext } from '@openai/agents';
import type { RealtimeAgent, RealtimeContextData } from '@openai/agents/realtime';
import type { Logger } from 'pino';

/** A function call the realtime model finished (`response.output_item.done`, status `completed`). */
export interface RealtimeFunctionCall {
  itemId: string | undefined;
  callId: string;
  name: string;
  arguments: string;
}

/** What `session.update` says about the agent: its instructions and its tools as the model sees them. */
export interface AgentSessionFields {
  instructions: string;
  tools: Array<{ type: 'function'; name: string; description: string; parameters: unknown }>;
}

/**
 * The realtime agent (agent.ts) as this engine uses it: a declaration of instructions and tools,
 * whose tools we run with the SDK's own invocation (argument parsing, per-tool timeouts such as the
 * supervisor's) when the model calls them. The session around it is ours (see README.md).
 */
export class RealtimeAgentTools {
  readonly #agent: RealtimeAgent;
  readonly #context = new RunContext<RealtimeContextData>({ history: [] });
  readonly #tools: FunctionTool[];
  #sessionFields: Promise<AgentSessionFields> | undefined;

  readonly #logger: Logger;

  constructor(agent: RealtimeAgent, logger: Logger) {
    this.#agent = agent;
    this.#logger = logger;
    this.#tools = agent.tools.filter((tool): tool is FunctionTool => tool.type === 'function');
  }

  /** Worked out once per call: every connection of the call is configured the same way. */
  sessionFields(): Promise<AgentSessionFields> {
    this.#sessionFields ??= this.#describe();
    return this.#sessionFields;
  }

  async #describe(): Promise<AgentSessionFields> {
    return {
      instructions: (await this.#agent.getSystemPrompt(this.#context)) ?? '',
      tools: this.#tools.map((tool) => ({
        type: 'function',
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
      })),
    };
  }

  /** Runs the called tool; undefined (logged, never thrown) when there is no such tool or it threw. */
  async invoke(call: RealtimeFunctionCall): Promise<string | undefined> {
    const tool = this.#tools.find((candidate) => candidate.name === call.name);
    if (!tool) {
      this.#logger.warn({ tool: call.name, callId: call.callId }, 'realtime model called an unknown tool');
      return undefined;
    }
    try {
      return await this.#invoke(tool, call);
    } catch (error) {
      this.#logger.warn({ err: error, tool: call.name, callId: call.callId }, 'realtime tool call failed');
      return undefined;
    }
  }

  async #invoke(tool: FunctionTool, call: RealtimeFunctionCall): Promise<string> {
    const result = await invokeFunctionTool({
      tool,
      runContext: this.#context,
      input: call.arguments,
      details: {
        toolCall: {
          type: 'function_call',
          ...(call.itemId ? { id: call.itemId } : {}),
          callId: call.callId,
          name: call.name,
          arguments: call.arguments,
          status: 'completed',
        },
      },
    });
    return typeof result === 'string' ? result : JSON.stringify(result);
  }
}
