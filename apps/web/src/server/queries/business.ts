import { type Database, forBusiness } from '@receptionist/db';

/** The business's IANA zone; every date the dashboard shows or accepts is in it. */
export async function loadBusinessTimeZone(db: Database, businessId: string): Promise<string> {
  const business = await forBusiness(db, businessId).business.get();
  return business?.timeZone ?? 'UTC';
}
