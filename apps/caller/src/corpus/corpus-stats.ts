/**
 * What the corpus measures from its calls: pass rates (overall, per business type, held out), yes/no
 * accuracy and word error rate per kind of line (from what was said against what the recogniser heard),
 * and the names stored. Pure, so the numbers are the same in the test and in bench:local.
 */
import type { CorpusCallResult } from './run-corpus.ts';

export const LINE_KINDS = ['names', 'dates', 'times', 'numbers', 'yesNo', 'freeQuestions'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

const YES_NO = /^(yes|yeah|yep|no|nope|sure|correct|that is (right|correct)|that's (right|correct))\b/;
const DIGIT = /^(zero|oh|one|two|three|four|five|six|seven|eight|nine)$/;
const DAY =
  /\b(today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|week)\b/;
const TIME =
  /\b(a m|p m|o'clock|noon|half past|quarter|morning|afternoon|evening|thirty|same time)\b|\bat (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|^(make it|at|around) /;
const NAME = /\b(my name is|this is|name's|it's|it is|spelled|spelt)\b|^([a-z] ){2,}[a-z]$/;

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter(Boolean);
}

/** The kind of a caller line, for WER by category; the first rule that fits wins. */
export function lineKind(said: string): LineKind {
  const text = words(said).join(' ');
  const tokens = text.split(' ');
  if (YES_NO.test(text) && tokens.length <= 6) return 'yesNo';
  if (tokens.filter((token) => DIGIT.test(token)).length >= 4) return 'numbers';
  if (NAME.test(text) && !DAY.test(text)) return 'names';
  if (DAY.test(text)) return 'dates';
  if (TIME.test(text)) return 'times';
  return 'freeQuestions';
}

export function editDistance(reference: readonly string[], hypothesis: readonly string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, index) => index);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[hypothesis.length]!;
}

/** yes, no, or neither, from the words of a short answer. */
export function polarity(text: string): 'yes' | 'no' | undefined {
  const tokens = words(text);
  if (tokens.some((token) => token === 'no' || token === 'nope' || token === 'not' || token === 'wrong'))
    return 'no';
  if (tokens.some((token) => ['yes', 'yeah', 'yep', 'sure', 'correct', 'right'].includes(token)))
    return 'yes';
  return undefined;
}

const ratio = (part: number, whole: number): number =>
  whole === 0 ? Number.NaN : Number((part / whole).toFixed(3));

export function corpusStats(results: readonly CorpusCallResult[]) {
  const passRate = (subset: readonly CorpusCallResult[]) => ({
    passed: subset.filter((result) => result.passed).length,
    calls: subset.length,
    rate: ratio(subset.filter((result) => result.passed).length, subset.length),
  });
  const byBusiness: Record<string, ReturnType<typeof passRate>> = {};
  for (const key of new Set(results.map((result) => result.business))) {
    byBusiness[key] = passRate(results.filter((result) => result.business === key));
  }
  const errors = new Map<LineKind, number>();
  const totals = new Map<LineKind, number>();
  let yesNoRight = 0;
  let yesNoLines = 0;
  for (const result of results) {
    for (const line of result.heard) {
      const kind = lineKind(line.said);
      const reference = words(line.said);
      errors.set(kind, (errors.get(kind) ?? 0) + editDistance(reference, words(line.heard)));
      totals.set(kind, (totals.get(kind) ?? 0) + reference.length);
      if (kind === 'yesNo') {
        yesNoLines++;
        if (polarity(line.said) === polarity(line.heard)) yesNoRight++;
      }
    }
  }
  const named = results.filter((result) => result.nameStored !== undefined);
  const voices: Record<string, ReturnType<typeof passRate>> = {};
  for (const voice of new Set(results.map((result) => result.voice))) {
    voices[voice] = passRate(results.filter((result) => result.voice === voice));
  }
  const espeak = (result: CorpusCallResult): boolean => result.voice.startsWith('espeak:');
  return {
    passRate: passRate(results),
    // flite's voices are heard far better than espeak-ng's (RECOGNISER.md): each synthesiser on its own.
    passRateFlite: passRate(results.filter((result) => !espeak(result))),
    passRateEspeak: passRate(results.filter(espeak)),
    passRateTuned: passRate(results.filter((result) => !result.heldOut)),
    passRateHeldOut: passRate(results.filter((result) => result.heldOut)),
    passRateByBusiness: byBusiness,
    passRateByVoice: voices,
    yesNoAccuracy: { right: yesNoRight, lines: yesNoLines, rate: ratio(yesNoRight, yesNoLines) },
    namesStoredCorrectly: {
      right: named.filter((result) => result.nameStored).length,
      calls: named.length,
      rate: ratio(named.filter((result) => result.nameStored).length, named.length),
    },
    werByCategory: Object.fromEntries(
      LINE_KINDS.map((kind) => [
        kind,
        { wer: ratio(errors.get(kind) ?? 0, totals.get(kind) ?? 0), words: totals.get(kind) ?? 0 },
      ]),
    ),
  };
}

/** One line per call: PASS/FAIL, business, voice, name, and the first reason it failed. */
export function corpusTable(results: readonly CorpusCallResult[]): string {
  return results
    .map((result) =>
      [
        result.passed ? 'PASS' : 'FAIL',
        result.business.padEnd(8),
        result.voice.padEnd(10),
        result.name.padEnd(44).slice(0, 44),
        result.error ?? result.failures[0] ?? '',
      ].join(' '),
    )
    .join('\n');
}
