'use server';

import { assertMayJoinBusinesses, createBusiness, isDomainError } from '@receptionist/domain';
import { redirect } from 'next/navigation';
import { requireUser } from '../../server/auth/current-user.ts';
import { getDb } from '../../server/db.ts';
import { accountEmailsEnabled } from '../../server/email/account-emails.ts';
import { assertSameOriginAction } from '../../server/http/action-guard.ts';
import { log } from '../../server/log.ts';
import { describeProfileError } from '../../server/profile-errors.ts';

export interface OnboardingState {
  error?: string;
}

/** Creates the business from the wizard's profile and makes the signed-in user its owner. */
export async function createBusinessAction(
  _previous: OnboardingState,
  formData: FormData,
): Promise<OnboardingState> {
  await assertSameOriginAction();
  const user = await requireUser();
  let input: unknown;
  try {
    input = JSON.parse(String(formData.get('profile') ?? ''));
  } catch {
    return { error: 'The form could not be read; reload the page and try again' };
  }
  const db = await getDb();
  let businessId: string;
  try {
    // With email on, an account owns a business only once its address is proven.
    await assertMayJoinBusinesses({
      ctx: { db },
      input: { userId: user.id, emailVerificationRequired: accountEmailsEnabled() },
    });
    const { business } = await createBusiness({
      ctx: { db, actor: { kind: 'staff', userId: user.id } },
      input,
    });
    businessId = business.id;
  } catch (error) {
    if (isDomainError(error) && error.code === 'email_not_verified') return { error: error.message };
    const message = describeProfileError(error);
    if (message !== undefined) return { error: message };
    throw error;
  }
  log.info({ userId: user.id, businessId }, 'business created');
  redirect(`/b/${businessId}/setup`);
}
