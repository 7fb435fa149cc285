import type { BusinessProfile, FaqEntry } from '@receptionist/domain';
import { describeAddress, describeHours, describeServices, localizeProfile } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { didYouMean, type FaqMatch, matchFaqByMeaning } from '../offline/faq-match.ts';
import { receptionistTool, type ToolDependencies } from './runner.ts';

const AnswerQuestionParameters = z.object({
  question: z.string().trim().min(1).max(500).describe("The caller's question, in their words"),
});

/**
 * The FAQ entry a question is about, by meaning (see `matchFaqByMeaning`): the clear best match, or
 * undefined when none fits or several fit equally well.
 */
export function matchFaq(faq: readonly FaqEntry[], question: string): FaqEntry | undefined {
  const match = matchFaqByMeaning(faq, question);
  return match.kind === 'match' ? match.entry : undefined;
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
      let match: FaqMatch<FaqEntry> = matchFaqByMeaning(own, args.question);
      if (match.kind === 'none' && own !== profile.faq) match = matchFaqByMeaning(profile.faq, args.question);
      const builtIn = builtInAnswer(profile, args.question);
      // A built-in topic (hours, address, prices) beats an entry matched only through its answer's words.
      if (match.kind === 'match' && (match.viaQuestion || builtIn === undefined))
        return { ok: true, message: match.entry.answer, data: { matchedQuestion: match.entry.question } };
      if (builtIn !== undefined) return { ok: true, message: builtIn };
      if (match.kind === 'ambiguous') {
        // Not a failure (nothing is missing from the FAQ): the caller is asked which one they meant.
        return {
          ok: true,
          message: didYouMean(match.entries),
          data: { suggestions: match.entries.map((entry) => entry.question) },
        };
      }
      return {
        ok: false,
        code: 'no_answer',
        message: "I don't have that information. I can take a message and have someone call you back.",
      };
    },
  });
}
