import { type DomainContext, loadDomainContext } from '@receptionist/domain';
import type { Database } from '../db.ts';

/** A domain context for a signed-in member acting on a business they were authorised for. */
export function staffDomainContext(
  db: Database,
  businessId: string,
  userId: string,
  now: () => number,
): Promise<DomainContext> {
  return loadDomainContext(db, businessId, { actor: { kind: 'staff', userId }, nowMs: now() });
}
