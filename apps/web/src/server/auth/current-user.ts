import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db.ts';
import { type BusinessMembership, findMembership, findUserById, type User } from './accounts.ts';
import { getSession } from './session.ts';

/**
 * The signed-in user for this request, or null. A cookie whose session version is older than the user's
 * (after "sign out everywhere") counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await getSession();
  if (session.userId === undefined) return null;
  const user = await findUserById(await getDb(), session.userId);
  if (user === undefined || user.sessionVersion !== session.sessionVersion) return null;
  return user;
});

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (user === null) redirect('/sign-in');
  return user;
}

export interface BusinessAccess {
  user: User;
  membership: BusinessMembership;
}

/**
 * The only way a page or action gets a business id it may use: the signed-in user's membership.
 * Another business's id answers 404, the same as an id that does not exist.
 */
export const requireBusinessAccess = cache(async (businessId: string): Promise<BusinessAccess> => {
  const user = await requireUser();
  const membership = await findMembership(await getDb(), user.id, businessId);
  if (membership === undefined) notFound();
  return { user, membership };
});

export async function requireOwner(businessId: string): Promise<BusinessAccess> {
  const access = await requireBusinessAccess(businessId);
  if (access.membership.role !== 'owner') notFound();
  return access;
}
