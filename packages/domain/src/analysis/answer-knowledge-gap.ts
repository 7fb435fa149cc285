import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { loadProfileFor } from '../profile/store.ts';
import { updateBusinessProfile } from '../profile/update.ts';

export const AnswerKnowledgeGapInput = z.object({
  /** The group's key (`normalized`), as the gaps page lists it. */
  normalized: z.string().trim().min(1).max(500),
  /** The question as the FAQ will hold it (the owner may reword the caller's). */
  question: z.string().trim().min(1).max(300),
  answer: z.string().trim().min(1).max(1000),
  keywords: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  /** Text the answer to the callers who asked (each once, unless they opted out of texts). */
  textCallers: z.boolean().default(false),
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
}): Promise<{ closed: number; callers: number }> {
  const parsed = AnswerKnowledgeGapInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'The question and the answer are both needed.', {
      cause: parsed.error,
    });
  }
  const { normalized, question, answer, keywords, textCallers } = parsed.data;
  return ctx.tenant.transaction(async (tenant) => {
    const { closed, callIds } = await tenant.knowledgeGaps.markAnswered([normalized], ctx.nowMs);
    if (closed === 0) {
      throw new DomainError('invalid_input', 'That question has already been answered.');
    }
    const stored = await loadProfileFor(tenant);
    await updateBusinessProfile({
      ctx: { ...ctx, tenant },
      input: { faq: [...stored.faq, { question, answer, keywords }] },
    });
    // The event names the calls, not the callers' numbers: the notifications consumer looks them up when
    // it texts, and webhook receivers of `question.answered` get no caller's phone number.
    const callers = textCallers ? callIds : [];
    await recordBusinessEvent({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: { type: 'question.answered', data: { question, answer, textCallIds: callers } },
    });
    return { closed, callers: callers.length };
  });
}
