/**
 * Splits a reply into sentences so the first one can be spoken while the rest are synthesised.
 * Abbreviations the policy itself writes ("Dr.", "a.m.") do not end a sentence.
 */
export function splitSentences(text: string): string[] {
  const protectedText = text
    .replace(/\b(Dr|Mr|Mrs|Ms|St)\./g, '$1<dot>')
    .replace(/\b([ap])\.m\./gi, '$1<dot>m<dot>');
  return protectedText
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.replace(/<dot>/g, '.').trim())
    .filter(Boolean);
}
