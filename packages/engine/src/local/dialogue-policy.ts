import type { BusinessBrief, CallPurpose } from '../engine.ts';
import type { ToolResult } from '../tool.ts';

/** What a dialogue policy hears. */
export type PolicyInput =
  | { type: 'start' }
  | { type: 'caller_text'; text: string }
  | { type: 'dtmf'; digit: string }
  | { type: 'tool_result'; name: string; result: ToolResult };

/** What the policy wants done, in order. The engine performs them; the policy never does I/O. */
export type PolicyAction =
  | { type: 'say'; text: string }
  | { type: 'call_tool'; name: string; args: Record<string, unknown> }
  | { type: 'decision'; kind: string; detail: string; data?: Record<string, unknown> };

/**
 * The offline engine's brain for one call: it turns what the caller said or keyed (and tool answers)
 * into actions. The engine knows no business and no tool names; the receptionist package provides it.
 */
export interface DialoguePolicy {
  handle(input: PolicyInput): PolicyAction[];
}

/** What the engine knows about the call when it asks for a policy. */
export interface DialoguePolicySetup {
  business: BusinessBrief;
  greeting: string;
  callerNumber?: string | undefined;
  /** Set on failover/reconnect: the caller was already greeted. */
  resumed: boolean;
  /** The call's clock (epoch ms); the policy reads dates against it in the business's zone. */
  now: () => number;
  /**
   * The call's language (BCP-47). The engine understands only `LOCAL_UNDERSTOOD_LANGUAGES`; for any other
   * the policy must not pretend to (it speaks that language through espeak-ng and works by keypad).
   */
  language?: string | undefined;
  /** Why the agent placed the call, when it did (an outbound reminder, a callback…). */
  purpose?: CallPurpose | undefined;
}

/** Injected into the local engine: makes one policy per call. */
export interface DialoguePolicyFactory {
  create(setup: DialoguePolicySetup): DialoguePolicy;
  /** Sentences the policy says often, synthesised ahead of time so they play at once. */
  fixedSentences: readonly string[];
}
