'use server';

import { isDomainError, verifyEmail } from '@receptionist/domain';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { TokenLinkState } from '../../components/account/token-link-form.tsx';
import { systemClock } from '../../server/clock.ts';
import { getDb } from '../../server/db.ts';
import { assertSameOriginAction } from '../../server/http/action-guard.ts';
import { log } from '../../server/log.ts';

/** Uses a verification link (single use); the person then signs in or carries on. */
export async function verifyEmailAction(
  _previous: TokenLinkState,
  formData: FormData,
): Promise<TokenLinkState> {
  await assertSameOriginAction();
  const token = z.string().min(20).max(200).safeParse(formData.get('token'));
  if (!token.success) return { error: 'This link is incomplete; open it again from the email' };
  try {
    const user = await verifyEmail({
      ctx: { db: await getDb(), nowMs: systemClock() },
      input: { token: token.data },
    });
    log.info({ userId: user.id }, 'email verified');
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
  redirect('/');
}
