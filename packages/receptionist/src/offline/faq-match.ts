import { meaningTerms } from './word-meaning.ts';

/** An FAQ entry as the matcher reads it (the profile's shape; keywords are optional now). */
export interface FaqText {
  question: string;
  answer: string;
  keywords?: readonly string[] | undefined;
}

export type FaqMatch<Entry extends FaqText> =
  /** One entry clearly fits. `viaQuestion`: a word of its question or keywords was heard, not only of its answer. */
  | { kind: 'match'; entry: Entry; score: number; viaQuestion: boolean }
  /** Two or more entries fit about as well: ask which one the caller meant. */
  | { kind: 'ambiguous'; entries: Entry[] }
  | { kind: 'none' };

/** Where a word was found in an entry, and how much that says about the entry. */
const WEIGHT = { keyword: 1.5, question: 1, answer: 0.5 } as const;
/** One distinctive word of an entry's question, or two of its answer. */
const MIN_SCORE = 1;
/** A runner-up this close to the best makes the question ambiguous. */
const AMBIGUOUS_SHARE = 0.8;

interface IndexedEntry<Entry> {
  entry: Entry;
  keyword: Set<string>;
  question: Set<string>;
  answer: Set<string>;
}

/**
 * The FAQ entry a caller's question is about, by meaning rather than exact keywords: the words of the
 * question are stemmed and folded into synonyms, then scored against each entry's question (and keywords,
 * which boost) and answer, each word weighted by how rare it is across the FAQ (IDF), so a word every
 * entry shares decides nothing.
 */
export function matchFaqByMeaning<Entry extends FaqText>(
  faq: readonly Entry[],
  asked: string,
): FaqMatch<Entry> {
  const heard = new Set(meaningTerms(asked));
  if (heard.size === 0 || faq.length === 0) return { kind: 'none' };
  const indexed: IndexedEntry<Entry>[] = faq.map((entry) => ({
    entry,
    keyword: new Set((entry.keywords ?? []).flatMap(meaningTerms)),
    question: new Set(meaningTerms(entry.question)),
    answer: new Set(meaningTerms(entry.answer)),
  }));
  const documentFrequency = new Map<string, number>();
  for (const item of indexed) {
    for (const term of new Set([...item.keyword, ...item.question, ...item.answer]))
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) => 1 + Math.log(faq.length / (documentFrequency.get(term) ?? faq.length));
  const scored = indexed
    .map((item) => {
      let score = 0;
      let viaQuestion = false;
      for (const term of heard) {
        const weight = item.keyword.has(term)
          ? WEIGHT.keyword
          : item.question.has(term)
            ? WEIGHT.question
            : item.answer.has(term)
              ? WEIGHT.answer
              : 0;
        if (weight >= WEIGHT.question) viaQuestion = true;
        score += weight * idf(term);
      }
      return { entry: item.entry, score, viaQuestion };
    })
    .filter((candidate) => candidate.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (best === undefined) return { kind: 'none' };
  if (second !== undefined && second.score >= best.score * AMBIGUOUS_SHARE) {
    return {
      kind: 'ambiguous',
      entries: scored
        .filter((candidate) => candidate.score >= best.score * AMBIGUOUS_SHARE)
        .map((c) => c.entry),
    };
  }
  return { kind: 'match', entry: best.entry, score: best.score, viaQuestion: best.viaQuestion };
}

/** "Did you mean where you can park, or which insurance we take?" from the entries' own questions. */
export function didYouMean(entries: readonly FaqText[]): string {
  const questions = entries
    .slice(0, 3)
    .map((entry) => entry.question.trim().replace(/[?.!]+$/, ''))
    .map((question) => question.charAt(0).toLowerCase() + question.slice(1));
  const last = questions.pop() ?? '';
  return `Did you mean: ${questions.length > 0 ? `${questions.join('; ')}; or ${last}` : last}?`;
}
