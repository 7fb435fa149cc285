import { type BusinessRow, forBusiness } from '@receptionist/db';
import type { AccountContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { BusinessProfile } from '../profile/schema.ts';
import { createBusinessWithProfile } from '../profile/store.ts';

/** The onboarding wizard's profile JSON; validated by the profile schema (an InvalidProfileError if not). */
export type CreateBusinessInput = unknown;

/**
 * Creates a business from a profile and makes the signed-in user its owner, in one write transaction:
 * a business without an owner is never visible.
 */
export async function createBusiness({
  ctx,
  input,
}: {
  ctx: AccountContext;
  input: CreateBusinessInput;
}): Promise<{ business: BusinessRow; profile: BusinessProfile }> {
  if (ctx.actor.kind !== 'staff') {
    throw new DomainError('invalid_input', 'Only a signed-in user can create a business');
  }
  const ownerId = ctx.actor.userId;
  return ctx.db.transaction(async (tx) => {
    const created = await createBusinessWithProfile(tx, input as never);
    await forBusiness(tx, created.business.id).members.set(ownerId, 'owner');
    return created;
  });
}
