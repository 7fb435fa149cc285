import { type Executor, getUser, markEmailVerified, type UserRow } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { issueLink, useLink } from './account-links.ts';
import { adoptUnownedDemoBusiness } from './adopt-demo.ts';

/** A verification link for the user's address; the caller emails `token` in a link, never stores it. */
export async function requestEmailVerification({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: { userId: string };
}): Promise<{ token: string; email: string }> {
  return ctx.db.transaction(async (tx) => {
    const user = await getUser(tx, input.userId);
    if (user === undefined) throw new DomainError('user_not_found', 'No such account');
    const { token } = await issueLink(tx, {
      purpose: 'verify_email',
      email: user.email,
      userId: user.id,
      nowMs: ctx.nowMs,
    });
    return { token, email: user.email };
  });
}

export const VerifyEmailInput = z.object({ token: z.string().min(20).max(200) });

/**
 * Uses a verification link: the address is proven. On an install where email is verified, the first proven
 * account is the one that takes the demo business (no unverified account ever owns one).
 */
export async function verifyEmail({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: z.input<typeof VerifyEmailInput>;
}): Promise<UserRow> {
  const { token } = VerifyEmailInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const link = await useLink(tx, 'verify_email', token, ctx.nowMs);
    const user = link.userId === null ? undefined : await getUser(tx, link.userId);
    // The address changed since the link was sent: it proves nothing about the current one.
    if (user === undefined || user.email !== link.email) {
      throw new DomainError('link_invalid', 'This link is not valid any more; ask for a new one');
    }
    await markEmailVerified(tx, user.id, ctx.nowMs);
    await adoptUnownedDemoBusiness(tx, user.id);
    return (await getUser(tx, user.id)) ?? user;
  });
}
