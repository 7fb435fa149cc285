import type { Database } from '@receptionist/db';
import { seedDemoBusiness } from '@receptionist/domain';

/** The demo business (seeded idempotently: the voice server may or may not have started first). */
export async function findDemoBusinessId(db: Database): Promise<string | undefined> {
  return (await seedDemoBusiness(db)).id;
}
