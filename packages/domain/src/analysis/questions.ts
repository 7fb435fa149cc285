import type { CallFacts } from './facts.ts';

const FILLER = new Set(
  'a an and are at be can could do does for have how i if in is it me my of on or please the to we what when where which who will would you your with'.split(
    ' ',
  ),
);

/**
 * The grouping key of a question: lower case, no punctuation or filler words, crude stems, words sorted
 * and de-duplicated, so "Do you take Delta insurance?" and "Delta insurance, do you take it" meet.
 */
export function normalizeQuestion(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !FILLER.has(word))
    .map((word) => (word.length > 4 ? word.replace(/(ing|es|s)$/, '') : word));
  const key = [...new Set(words)].sort().join(' ');
  return key === '' ? question.trim().toLowerCase() : key;
}

/** Questions the `answer_question` tool could not answer on this call, in the words it was asked. */
export function unansweredToolQuestions(facts: Pick<CallFacts, 'tools'>): string[] {
  return facts.tools
    .filter((tool) => tool.name === 'answer_question' && !tool.ok)
    .map((tool) => tool.arguments.question)
    .filter((question): question is string => typeof question === 'string' && question.trim() !== '')
    .map((question) => question.trim());
}

/** Joins question lists, one per normalised text (the first wording wins), at most 50. */
export function mergeQuestions(...lists: ReadonlyArray<readonly string[]>): string[] {
  const byKey = new Map<string, string>();
  for (const question of lists.flat()) {
    const trimmed = question.trim().slice(0, 500);
    if (trimmed === '') continue;
    const key = normalizeQuestion(trimmed);
    if (!byKey.has(key)) byKey.set(key, trimmed);
  }
  return [...byKey.values()].slice(0, 50);
}
