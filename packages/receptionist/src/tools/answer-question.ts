import type { BusinessProfile, FaqEntry } from '@receptionist/domain';
import { describeAddress, describeHours, describeServices, localizeProfile } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { receptionistTool, type ToolDependencies } from './runner.ts';

const MIN_FAQ_SCORE = 2;

const STOP_WORDS = new Set(
  'a an and are can do does for have how i if is it me my of on or the to we what when where which who you your with'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/**
 * Picks the FAQ entry sharing the most meaningful words, if any is close enough: one keyword hit, or
 * two words of the entry's question ("Can I book a new appointment?" must not match "new patients").
 */
const AnswerQuestionParameters = z.object({
  question: z.string().trim().min(1).max(500).describe("The caller's question, in their words"),
});

export function matchFaq(faq: readonly FaqEntry[], question: string): FaqEntry | undefined {
  const asked = new Set(words(question).map(stem));
  let best: { entry: FaqEntry; score: number } | undefined;
  for (const entry of faq) {
    const questionWords = new Set(words(entry.question).map(stem));
    const keywords = new Set(entry.keywords.flatMap(words).map(stem));
    let score = 0;
    for (const word of asked) {
      if (keywords.has(word)) score += 2;
      else if (questionWords.has(word)) score += 1;
    }
    if (score >= MIN_FAQ_SCORE && (best === undefined || score > best.score)) best = { entry, score };
  }
  return best?.entry;
}

/** Crude plural/verb stemming: "insurances" ~ "insurance", "parking" ~ "park". */
function stem(word: string): string {
  return word.replace(/(ing|es|s)$/, '');
}

/** Built-in answers for the questions every business gets. */
function builtInAnswer(profile: BusinessProfile, question: string): string | undefined {
  const asked = question.toLowerCase();
  if (/\b(hours?|open|close[sd]?|closing|opening)\b/.test(asked))
    return `Our hours are ${describeHours(profile)}`;
  if (/\b(where|address|located|location|directions?)\b/.test(asked)) {
    const address = describeAddress(profile);
    return address ? `We're at ${address}.` : undefined;
  }
  if (/\b(price|prices|cost|costs|how much|services?|offer)\b/.test(asked)) return describeServices(profile);
  return undefined;
}

export function answerQuestionTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'answer_question',
    description:
      "Call when the caller asks a specific question about the business (insurance, parking, policies, prices, hours, location) that you should answer from the business's own information rather than guess.",
    parameters: AnswerQuestionParameters,
    async run(args, { profile }, call) {
      // The caller's language's FAQ first; the primary one when it has no match (or no translation).
      const own = call.language === undefined ? profile.faq : localizeProfile(profile, call.language).faq;
      const entry =
        matchFaq(own, args.question) ??
        (own === profile.faq ? undefined : matchFaq(profile.faq, args.question));
      if (entry !== undefined)
        return { ok: true, message: entry.answer, data: { matchedQuestion: entry.question } };
      const builtIn = builtInAnswer(profile, args.question);
      if (builtIn !== undefined) return { ok: true, message: builtIn };
      return {
        ok: false,
        code: 'no_answer',
        message: "I don't have that information. I can take a message and have someone call you back.",
      };
    },
  });
}
