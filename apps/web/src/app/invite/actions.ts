'use server';

import { acceptStaffInvite, isDomainError } from '@receptionist/domain';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { TokenLinkState } from '../../components/account/token-link-form.tsx';
import { requireUser } from '../../server/auth/current-user.ts';
import { systemClock } from '../../server/clock.ts';
import { getDb } from '../../server/db.ts';
import { accountEmailsEnabled } from '../../server/email/account-emails.ts';
import { assertSameOriginAction } from '../../server/http/action-guard.ts';
import { log } from '../../server/log.ts';

/** Accepts a staff invitation for the signed-in account (which must have the invited address). */
export async function acceptInviteAction(
  _previous: TokenLinkState,
  formData: FormData,
): Promise<TokenLinkState> {
  await assertSameOriginAction();
  const user = await requireUser();
  const token = z.string().min(20).max(200).safeParse(formData.get('token'));
  if (!token.success) return { error: 'This link is incomplete; open it again' };
  let businessId: string;
  try {
    ({ businessId } = await acceptStaffInvite({
      ctx: { db: await getDb(), nowMs: systemClock() },
      input: { token: token.data, userId: user.id, linkWasEmailed: accountEmailsEnabled() },
    }));
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
  log.info({ userId: user.id, businessId }, 'staff invitation accepted');
  redirect(`/b/${businessId}`);
}
