import { findUserByEmail, type UserRow, updateUser } from '@receptionist/db';
import type { AccountContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';

let dummyHash: Promise<string> | undefined;

/**
 * The account an email and password belong to; any mismatch is one indistinguishable refusal. A hash made
 * with weaker scrypt parameters than today's is replaced on this successful sign-in (the only moment the
 * plain password is at hand), so old accounts move to the OWASP parameters without a reset.
 */
export async function authenticateLocalUser({
  ctx,
  input,
}: {
  ctx: Pick<AccountContext, 'db'>;
  input: { email: string; password: string };
}): Promise<UserRow> {
  const user = await findUserByEmail(ctx.db, input.email);
  // Hash anyway when the user is unknown so response time does not reveal which emails exist.
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (user === undefined || user.passwordHash === null || !ok) {
    throw new DomainError('invalid_credentials', 'Wrong email or password');
  }
  if (!needsRehash(user.passwordHash)) return user;
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction((tx) => updateUser(tx, user.id, { passwordHash }));
}
