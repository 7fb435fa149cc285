import { DEMO_BUSINESS_ID } from '@receptionist/domain';
import type { Database } from '../db.ts';
import { readTenant } from './tenant.ts';

export interface DemoBusiness {
  id: string;
  name: string;
}

/**
 * The seeded demo business visitors may call, or undefined when this install has none (the seed only runs
 * into an empty database, and an operator may have deleted it).
 */
export async function loadDemoBusiness(db: Database): Promise<DemoBusiness | undefined> {
  const business = await readTenant(db, DEMO_BUSINESS_ID).business.get();
  return business === undefined ? undefined : { id: business.id, name: business.name };
}
