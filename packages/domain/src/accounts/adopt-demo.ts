import { type Executor, forBusiness, users } from '@receptionist/db';
import { seedDemoBusiness } from '../seed.ts';

/** The very first account on an install owns the demo business, so `npm start` is usable at once. */
export async function adoptDemoBusinessIfFirst(tx: Executor, userId: string): Promise<void> {
  if ((await tx.$count(users)) !== 1) return;
  // Seeded idempotently: the voice server may or may not have started first.
  const demo = await seedDemoBusiness(tx);
  await forBusiness(tx, demo.id).members.set(userId, 'owner');
}
