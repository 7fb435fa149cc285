import { createUser, findUserByEmail, type UserRow } from '@receptionist/db';
import { z } from 'zod';
import type { AccountContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { adoptDemoBusinessIfFirst } from './adopt-demo.ts';
import { hashPassword } from './password.ts';
import { assertAcceptablePassword, MAX_PASSWORD_LENGTH } from './password-policy.ts';

export const RegisterLocalUserInput = z.object({
  email: z.email().max(320),
  password: z
    .string()
    .min(1)
    .max(MAX_PASSWORD_LENGTH * 4),
  name: z.string().max(100).optional(),
  /**
   * True where email is verified (SMTP configured): the account starts unverified and owns nothing until its
   * address is proven. False (local single-owner mode): the first account owns the demo business at once.
   */
  requireVerification: z.boolean().default(false),
});
export type RegisterLocalUserInput = z.input<typeof RegisterLocalUserInput>;

/** Creates an email + password account (scrypt hash only), in one write transaction with demo adoption. */
export async function registerLocalUser({
  ctx,
  input,
}: {
  ctx: AccountContext;
  input: RegisterLocalUserInput;
}): Promise<UserRow> {
  const parsed = RegisterLocalUserInput.parse(input);
  assertAcceptablePassword(parsed.password);
  if ((await findUserByEmail(ctx.db, parsed.email)) !== undefined) throw emailTaken();
  // Hashing is slow on purpose: done before the write lock is taken.
  const passwordHash = await hashPassword(parsed.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const user = await createUser(tx, {
        email: parsed.email,
        name: parsed.name?.trim() || undefined,
        passwordHash,
      });
      if (!parsed.requireVerification) await adoptDemoBusinessIfFirst(tx, user.id);
      return user;
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index lets exactly one through.
    if ((await findUserByEmail(ctx.db, parsed.email)) !== undefined) throw emailTaken(error);
    throw error;
  }
}

function emailTaken(cause?: unknown): DomainError {
  return new DomainError('email_taken', 'An account with this email already exists', { cause });
}
