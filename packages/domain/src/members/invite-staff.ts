import { forBusiness, getUser, markEmailVerified } from '@receptionist/db';
import { z } from 'zod';
import { issueLink, useLink } from '../accounts/account-links.ts';
import type { AccountContext } from '../context.ts';
import { DomainError } from '../errors.ts';

export const InviteStaffInput = z.object({ email: z.email().max(320) });

/**
 * Invites someone by email to join the business as staff. Nothing is granted until the invitation link is
 * accepted by a signed-in account with that very address: registering `newhire@clinic.test` in advance gains
 * nothing, and no existing account is ever attached as it is. The caller delivers `token` in a link.
 */
export async function inviteStaff({
  ctx,
  input,
}: {
  ctx: AccountContext & { businessId: string; nowMs: number };
  input: z.input<typeof InviteStaffInput>;
}): Promise<{ token: string; email: string; expiresAt: number }> {
  const { email } = InviteStaffInput.parse(input);
  const invitedBy = ctx.actor.kind === 'staff' ? ctx.actor.userId : undefined;
  return ctx.db.transaction(async (tx) => {
    const { token, row } = await issueLink(tx, {
      purpose: 'staff_invite',
      email,
      businessId: ctx.businessId,
      invitedBy,
      nowMs: ctx.nowMs,
    });
    return { token, email: row.email, expiresAt: row.expiresAt };
  });
}

export const AcceptStaffInviteInput = z.object({
  token: z.string().min(20).max(200),
  userId: z.string().min(1),
  /**
   * True when the link was emailed (SMTP configured): opening it proves the address. Without email the owner
   * handed the link over in person, which proves who they gave it to but not the mailbox.
   */
  linkWasEmailed: z.boolean(),
});

/** Accepts an invitation: the signed-in account must have the invited address; membership as staff. */
export async function acceptStaffInvite({
  ctx,
  input,
}: {
  ctx: Pick<AccountContext, 'db'> & { nowMs: number };
  input: z.input<typeof AcceptStaffInviteInput>;
}): Promise<{ businessId: string }> {
  const parsed = AcceptStaffInviteInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const user = await getUser(tx, parsed.userId);
    if (user === undefined) throw new DomainError('user_not_found', 'No such account');
    const link = await useLink(tx, 'staff_invite', parsed.token, ctx.nowMs);
    if (link.businessId === null) throw new DomainError('link_invalid', 'This link is not an invitation');
    if (user.email !== link.email) {
      throw new DomainError(
        'invite_wrong_account',
        'This invitation is for another email address; sign in with the invited address',
      );
    }
    if (parsed.linkWasEmailed) await markEmailVerified(tx, user.id, ctx.nowMs);
    const tenant = forBusiness(tx, link.businessId);
    // An owner who opens an invitation stays an owner.
    if ((await tenant.members.roleOf(user.id)) === undefined) await tenant.members.set(user.id, 'staff');
    return { businessId: link.businessId };
  });
}

/** Whether an account may own or join a business: always locally; with email, only once verified. */
export async function assertMayJoinBusinesses({
  ctx,
  input,
}: {
  ctx: Pick<AccountContext, 'db'>;
  input: { userId: string; emailVerificationRequired: boolean };
}): Promise<void> {
  if (!input.emailVerificationRequired) return;
  const user = await getUser(ctx.db, input.userId);
  if (user?.emailVerifiedAt == null) {
    throw new DomainError('email_not_verified', 'Verify your email address first: open the link we sent you');
  }
}
