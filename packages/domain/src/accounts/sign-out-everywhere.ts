import { bumpSessionVersion, NotFoundError } from '@receptionist/db';
import type { AccountContext } from '../context.ts';
import { DomainError } from '../errors.ts';

/** Invalidates every session cookie of the acting user at once (their session version moves on). */
export async function signOutEverywhere({ ctx }: { ctx: AccountContext; input?: undefined }): Promise<void> {
  if (ctx.actor.kind !== 'staff') throw new DomainError('invalid_input', 'Only a signed-in user can do this');
  try {
    await bumpSessionVersion(ctx.db, ctx.actor.userId);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new DomainError('user_not_found', 'No such user', { cause: error });
    throw error;
  }
}
