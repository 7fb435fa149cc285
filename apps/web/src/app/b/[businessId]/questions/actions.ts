'use server';

import { answerKnowledgeGap, isDomainError, tenantContext } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';

const AnswerForm = z.object({
  businessId: z.string().min(1),
  normalized: z.string().min(1),
  question: z.string(),
  answer: z.string(),
  /** An unchecked checkbox is absent from the form. */
  textCallers: z.literal('on').optional(),
});

/** The owner answers a question callers asked: it becomes an FAQ entry the receptionist uses next call. */
export async function answerQuestionAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = AnswerForm.parse(Object.fromEntries(formData));
  const { user } = await requireOwner(input.businessId);
  const base = `/b/${input.businessId}/questions`;
  try {
    await answerKnowledgeGap({
      // The clock only stamps when the gap was closed; nothing is decided from it.
      ctx: {
        ...tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
        nowMs: Date.now(),
      },
      input: {
        normalized: input.normalized,
        question: input.question,
        answer: input.answer,
        textCallers: input.textCallers === 'on',
      },
    });
  } catch (error) {
    if (isDomainError(error)) redirect(`${base}?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath(base);
  redirect(`${base}?answered=1`);
}
