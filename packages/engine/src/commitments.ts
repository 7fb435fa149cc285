import type { ToolResultEvent } from './engine.ts';

/** The decision kind an engine emits when it replaced (or, for speech already out, caught) an unbacked claim. */
export const UNBACKED_COMMITMENT = 'commitment_unbacked';

/** A sentence that claims something was done that no tool did on this call. */
export interface UnbackedClaim {
  /** What was claimed: `booking`, `cancellation`, `reschedule`, `message`, `transfer` (the receptionist's words). */
  kind: string;
  /** The words that made the claim. */
  claim: string;
  /** A truthful sentence to say instead, in the sentence's language. */
  replacement: string;
}

/**
 * Checks the receptionist's own sentences against what its tools did on this call. Injected by the
 * receptionist package (the engine knows no tool names): before a confirmation ("you're booked") is
 * said, the tool that does it must have succeeded on this call.
 */
export interface CommitmentCheck {
  /**
   * The first claim in `text` that no tool in `succeeded` backs, or undefined when everything it claims
   * happened. `language` is the call's current language (BCP-47), a hint for the replacement.
   */
  review(text: string, succeeded: ReadonlySet<string>, language?: string): UnbackedClaim | undefined;
}

/** Names of tools that returned `ok: true` on this call. */
export function succeededTools(completed: readonly ToolResultEvent[]): Set<string> {
  return new Set(
    completed.filter((event) => event.status === 'ok' && event.result.ok).map((event) => event.name),
  );
}
