import {
  createUser,
  findUserByEmail,
  findUserByGoogleSub,
  markEmailVerified,
  type UserRow,
} from '@receptionist/db';
import { z } from 'zod';
import type { AccountContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { adoptDemoBusinessIfFirst } from './adopt-demo.ts';

export const GoogleIdentityInput = z.object({
  sub: z.string().min(1).max(255),
  /** As the identity provider verified it. */
  email: z.string().trim().min(3).max(320),
  name: z.string().max(200).optional(),
});
export type GoogleIdentityInput = z.input<typeof GoogleIdentityInput>;

/** Google users are keyed by `sub`. An existing password account with the same email is never linked. */
export async function upsertGoogleUser({
  ctx,
  input,
}: {
  ctx: AccountContext;
  input: GoogleIdentityInput;
}): Promise<UserRow> {
  const identity = GoogleIdentityInput.parse(input);
  const existing = await findUserByGoogleSub(ctx.db, identity.sub);
  if (existing !== undefined) return existing;
  if ((await findUserByEmail(ctx.db, identity.email)) !== undefined) {
    throw new DomainError('email_taken', 'This email already has an account; sign in with your password');
  }
  return ctx.db.transaction(async (tx) => {
    const user = await createUser(tx, {
      email: identity.email,
      name: identity.name,
      googleSub: identity.sub,
    });
    // Google only signs in addresses it has verified (the callback checks email_verified).
    await markEmailVerified(tx, user.id, Date.now());
    await adoptDemoBusinessIfFirst(tx, user.id);
    return user;
  });
}
