import { forBusiness } from '@receptionist/db';
import type { Database } from '../db.ts';

/** The outbound settings page's reads: the do-not-contact list and the latest outbound calls. */
export async function loadOutboundOverview(db: Database, businessId: string) {
  const tenant = forBusiness(db, businessId);
  const [doNotContact, recent] = await Promise.all([
    tenant.outbound.listDoNotContact(),
    tenant.outbound.list({ limit: 20 }),
  ]);
  return { doNotContact, recent };
}
