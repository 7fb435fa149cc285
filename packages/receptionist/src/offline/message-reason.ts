/**
 * Where a caller's reason for a message starts in what they said: "it's Maria Lopez calling about my
 * invoice", "leave a message for Dr Patel regarding my x-rays", "I'm calling because my knee hurts".
 * The reason may come anywhere in the turn, also in the same breath as the name.
 */
const REASON_LEAD =
  /\b(?:calling (?:about|regarding|because|for|to)|about|regarding|concerning|because|it's about|it is about|(?:i'm|i am|i was) calling to|(?:i wanted|i want|i need|i would like|i'd like) to (?!leave|book|make|speak|talk))\b/;

export interface NameAndReason {
  /** What came before the reason (where a name may be). */
  before: string;
  /** The reason, from its lead-in on ("about my invoice"), when one was given. */
  reason: string | undefined;
}

/** Splits a turn into what precedes the reason and the reason itself. Works on the text as heard. */
export function splitReason(text: string): NameAndReason {
  const lower = text.toLowerCase();
  const match = REASON_LEAD.exec(lower);
  if (match === null) return { before: text, reason: undefined };
  // "calling about my invoice" → "about my invoice": the reason, not the act of calling.
  const reason = text
    .slice(match.index)
    .trim()
    .replace(/^(?:(?:i'm|i am|i was) )?calling (?=about|regarding|because|for)/i, '');
  // "about" alone is not a reason.
  return reason.split(/\s+/).length < 2
    ? { before: text, reason: undefined }
    : { before: text.slice(0, match.index).trim(), reason };
}

/** The reason in a turn, if any. */
export function extractReason(text: string): string | undefined {
  return splitReason(text).reason;
}
