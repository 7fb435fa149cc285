import { type Executor, forBusiness, users } from '@receptionist/db';
import { seedDemoBusiness } from '../seed.ts';

/** The very first account on an install owns the demo business, so `npm start` is usable at once. */
export async function adoptDemoBusinessIfFirst(tx: Executor, userId: string): Promise<void> {
  if ((await tx.$count(users)) !== 1) return;
  // Seeded idempotently: the voice server may or may not have started first.
  const demo = await seedDemoBusiness(tx);
  await forBusiness(tx, demo.id).members.set(userId, 'owner');
}

/**
 * Where email is verified, the demo business goes to the first account that proves its address (not to the
 * first sign-up, which could be anyone's typo or a squatter): adopted only while it has no member at all.
 */
export async function adoptUnownedDemoBusiness(tx: Executor, userId: string): Promise<boolean> {
  const demo = await seedDemoBusiness(tx);
  const tenant = forBusiness(tx, demo.id);
  if ((await tenant.members.list()).length > 0) return false;
  await tenant.members.set(userId, 'owner');
  return true;
}
