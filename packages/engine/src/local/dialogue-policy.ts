import type { BusinessBrief, CallPurpose } from '../engine.ts';
import type { ToolResult } from '../tool.ts';

/** What a dialogue policy hears. */
export type PolicyInput =
  | { type: 'start' }
  | {
      type: 'caller_text';
      text: string;
      /**
       * The same turn decoded again as a person's name (see `DialoguePolicy.rehearAs`): a listed first
       * name and surname, lower-case ("mark sanders"), when the policy asked for it and the turn's audio
       * was there to decode.
       */
      heardAsName?: string | undefined;
    }
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
  /**
   * Asked before `handle` with each recognised turn: whether the turn should be decoded again as a
   * person's name (a grammar of listed first names and surnames), and which words the caller has already
   * said were wrong. The business's language model lets any likely word stand for a surname it cannot
   * tell ("Mark Ten"); the grammar chooses among names only.
   */
  rehearAs?(text: string): RehearRequest | undefined;
}

/** A turn to decode again as a person's name (`DialoguePolicy.rehearAs`). */
export interface RehearRequest {
  as: 'person_name';
  /** Whole names ("daniel morgan") the caller has said were not theirs: the grammar leaves them out. */
  exclude: readonly string[];
  /**
   * The recognised words before and after the name, when the turn says more than a name ("this is … and
   * it's about my invoice"): kept as heard, so only the name is chosen again.
   */
  around?: { before: readonly string[]; after: readonly string[] } | undefined;
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
