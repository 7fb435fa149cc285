import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { loadProfileFor } from '../profile/store.ts';
import { updateBusinessProfile } from '../profile/update.ts';

export const AnswerKnowledgeGapInput = z.object({
  /** The group's key (`normalized`), as the gaps page lists it. */
  normalized: z.string().trim().min(1).max(500),
  /** The question as the FAQ will hold it (the owner may reword the caller's). */
  question: z.string().trim().min(1).max(300),
  answer: z.string().trim().min(1).max(1000),
  keywords: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
});
export type AnswerKnowledgeGapInput = z.input<typeof AnswerKnowledgeGapInput>;

/**
 * The owner answers a question callers asked: the answer becomes an FAQ entry (through the profile update
 * verb, so the receptionist answers it on the next call) and every open gap of that group is closed.
 */
export async function answerKnowledgeGap({
  ctx,
  input,
}: {
  ctx: TenantContext & { nowMs: number };
  input: AnswerKnowledgeGapInput;
}): Promise<{ closed: number }> {
  const parsed = AnswerKnowledgeGapInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'The question and the answer are both needed.', {
      cause: parsed.error,
    });
  }
  const { normalized, question, answer, keywords } = parsed.data;
  return ctx.tenant.transaction(async (tenant) => {
    const closed = await tenant.knowledgeGaps.markAnswered([normalized], ctx.nowMs);
    if (closed === 0) {
      throw new DomainError('invalid_input', 'That question has already been answered.');
    }
    const stored = await loadProfileFor(tenant);
    await updateBusinessProfile({
      ctx: { ...ctx, tenant },
      input: { faq: [...stored.faq, { question, answer, keywords }] },
    });
    return { closed };
  });
}
