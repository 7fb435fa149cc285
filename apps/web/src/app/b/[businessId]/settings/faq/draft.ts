import type { BusinessProfile } from '@receptionist/domain';
import { listFrom } from '../../../../../components/settings/form-values.ts';

export interface FaqDraft {
  question: string;
  answer: string;
  /** Comma separated; optional. Kept as stored (also those set through the CLI or the API). */
  keywords: string;
}

export function faqDraft({ faq }: BusinessProfile): FaqDraft[] {
  return faq.map((entry) => ({
    question: entry.question,
    answer: entry.answer,
    keywords: entry.keywords.join(', '),
  }));
}

export function faqPatch(draft: readonly FaqDraft[]): Record<string, unknown> {
  return {
    faq: draft.map((entry) => ({
      question: entry.question.trim(),
      answer: entry.answer.trim(),
      keywords: listFrom(entry.keywords),
    })),
  };
}
