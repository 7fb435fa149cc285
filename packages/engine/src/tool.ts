import type { z } from 'zod';

/** What a tool handler knows about the call it serves. The tenant comes from here, never from the model. */
export interface ToolContext {
  /** The tenant. Every domain call a tool makes is scoped to it. */
  businessId: string;
  callId: string;
  /** The engine's id for this invocation; with callId it makes a retried call idempotent. */
  toolCallId: string;
  /** Caller ID (E.164) when known; used to authorise changes to the caller's own appointments. */
  callerNumber?: string | undefined;
  /**
   * The caller's language right now (BCP-47), when the engine knows it: tools word their read-backs
   * (dates, times, prices) in it. It can change mid-call when the caller switches language.
   */
  language?: string | undefined;
  /** Aborted when the call ends or the engine gives up on the tool (deadline). */
  signal?: AbortSignal | undefined;
}

/** Something the call session must do after a tool returns: the engine never dials or hangs up itself. */
export type ToolAction =
  | { type: 'transfer'; destinationId: string; destinationName: string; phoneNumber: string }
  | { type: 'end_call'; reason: string };

/** A tool's answer. Expected failures are `ok: false` with a sentence the agent can say, never a throw. */
export interface ToolResult {
  ok: boolean;
  /** A sentence (or two) the agent can say or paraphrase to the caller. */
  message: string;
  /** Structured details for the model and the call log. */
  data?: unknown;
  /** A machine-readable failure code (e.g. `slot_taken`, `unknown_service`) when `ok` is false. */
  code?: string;
  action?: ToolAction;
}

/**
 * A business tool as both engines see it: a name, a "Call when…" description, zod parameters and a
 * handler. Defined once in the receptionist package; both engines run it through `ToolRunner`
 * (tools/runner.ts), which validates the arguments against `parameters` before `execute` sees them.
 */
export interface EngineTool<Schema extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  parameters: Schema;
  /**
   * Set when the tool records its own result durably (per call and tool-call id) whenever it returns:
   * the engine then marks the `tool_result` event `recorded` so the result is written once.
   */
  recordsOwnResult?: boolean | undefined;
  /**
   * The tool acts on the call at once (hang up, transfer): a realtime voice agent calls it itself
   * rather than through a slower planner. Engines without such a split ignore it.
   */
  immediate?: boolean | undefined;
  execute(args: z.infer<Schema>, context: ToolContext): Promise<ToolResult>;
}

/** Erases the schema type so tools with different parameters fit in one list. */
export type AnyEngineTool = EngineTool<z.ZodObject>;

export function defineTool<Schema extends z.ZodObject>(tool: EngineTool<Schema>): AnyEngineTool {
  return tool as unknown as AnyEngineTool;
}
