import type { Database } from '../db.ts';
import { readTenant } from './tenant.ts';

/** The business's IANA zone; every date the dashboard shows or accepts is in it. */
export async function loadBusinessTimeZone(db: Database, businessId: string): Promise<string> {
  const business = await readTenant(db, businessId).business.get();
  return business?.timeZone ?? 'UTC';
}
