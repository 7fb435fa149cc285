import { getUser, listBusinessesForUser, type MembershipRole, type UserRow } from '@receptionist/db';
import type { Database } from '../db.ts';

/** Dashboard accounts as the pages read them. Users are not tenant-owned; a business id only ever comes from a membership. */

export type User = UserRow;
export interface BusinessMembership {
  businessId: string;
  businessName: string;
  role: MembershipRole;
}

export async function findUserById(db: Database, userId: string): Promise<User | undefined> {
  return getUser(db, userId);
}

export async function listMemberships(db: Database, userId: string): Promise<BusinessMembership[]> {
  const rows = await listBusinessesForUser(db, userId);
  return rows.map(({ business, role }) => ({ businessId: business.id, businessName: business.name, role }));
}

export async function findMembership(
  db: Database,
  userId: string,
  businessId: string,
): Promise<BusinessMembership | undefined> {
  const memberships = await listMemberships(db, userId);
  return memberships.find((membership) => membership.businessId === businessId);
}
