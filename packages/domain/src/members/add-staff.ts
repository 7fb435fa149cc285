import { randomBytes } from 'node:crypto';
import { createUser, findUserByEmail, forBusiness, type UserRow } from '@receptionist/db';
import { z } from 'zod';
import { hashPassword } from '../accounts/password.ts';
import type { AccountContext } from '../context.ts';

export const AddStaffMemberInput = z.object({ email: z.email().max(320) });
export type AddStaffMemberInput = z.input<typeof AddStaffMemberInput>;

export interface AddedStaffMember {
  user: UserRow;
  /** Set only when a new account was created: shown to the owner once, never stored in clear. */
  temporaryPassword: string | undefined;
}

/**
 * Adds a staff member to the business. An existing account is added as is (an existing role is kept);
 * a new email gets an account with a one-time password (a self-hosted install sends no email by default).
 * The account and the membership are written in one transaction.
 */
export async function addStaffMember({
  ctx,
  input,
}: {
  ctx: AccountContext & { businessId: string };
  input: AddStaffMemberInput;
}): Promise<AddedStaffMember> {
  const parsed = AddStaffMemberInput.parse(input);
  const existing = await findUserByEmail(ctx.db, parsed.email);
  const temporaryPassword = existing === undefined ? randomBytes(9).toString('base64url') : undefined;
  // Hashing is slow on purpose: done before the write lock is taken.
  const passwordHash = temporaryPassword === undefined ? undefined : await hashPassword(temporaryPassword);
  return ctx.db.transaction(async (tx) => {
    const found = await findUserByEmail(tx, parsed.email);
    const user = found ?? (await createUser(tx, { email: parsed.email, passwordHash }));
    const tenant = forBusiness(tx, ctx.businessId);
    if ((await tenant.members.roleOf(user.id)) === undefined) await tenant.members.set(user.id, 'staff');
    return { user, temporaryPassword: found === undefined ? temporaryPassword : undefined };
  });
}
