import {
  bumpSessionVersion as bumpUserSessionVersion,
  createUser,
  type Database,
  findUserByEmail,
  findUserByGoogleSub,
  forBusiness,
  getUser,
  listBusinessesForUser,
  type MembershipRole,
  type UserRow,
  users,
} from '@receptionist/db';
import { count } from 'drizzle-orm';
import { findDemoBusinessId } from '../demo-business.ts';
import { AuthError } from './errors.ts';
import type { GoogleIdentity } from './google.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';

/**
 * Dashboard accounts: local (email + scrypt password) and Google (keyed by `sub`). Users are not
 * tenant-owned; a business id only ever comes from the user's membership.
 */

export type User = UserRow;
export interface BusinessMembership {
  businessId: string;
  businessName: string;
  role: MembershipRole;
}

/** The very first account on an install owns the demo business, so `npm start` is usable at once. */
async function adoptDemoBusinessIfFirst(db: Database, userId: string): Promise<void> {
  const [row] = await db.select({ users: count() }).from(users);
  if ((row?.users ?? 0) !== 1) return;
  const demoBusinessId = await findDemoBusinessId(db);
  if (demoBusinessId !== undefined) await forBusiness(db, demoBusinessId).members.set(userId, 'owner');
}

export async function registerLocalUser(
  db: Database,
  input: { email: string; password: string; name?: string | undefined },
): Promise<User> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AuthError('weak_password', `Use at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if ((await findUserByEmail(db, input.email)) !== undefined) {
    throw new AuthError('email_taken', 'An account with this email already exists');
  }
  let user: User;
  try {
    user = await createUser(db, {
      email: input.email,
      name: input.name?.trim() || undefined,
      passwordHash: await hashPassword(input.password),
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index lets exactly one through.
    throw new AuthError('email_taken', 'An account with this email already exists', { cause: error });
  }
  await adoptDemoBusinessIfFirst(db, user.id);
  return user;
}

let dummyHash: Promise<string> | undefined;

export async function authenticateLocalUser(db: Database, email: string, password: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  // Hash anyway when the user is unknown so response time does not reveal which emails exist.
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (user === undefined || user.passwordHash === null || !ok) {
    throw new AuthError('invalid_credentials', 'Wrong email or password');
  }
  return user;
}

/** Google users are keyed by `sub`. An existing password account with the same email is never linked. */
export async function upsertGoogleUser(db: Database, identity: GoogleIdentity): Promise<User> {
  const existing = await findUserByGoogleSub(db, identity.sub);
  if (existing !== undefined) return existing;
  if ((await findUserByEmail(db, identity.email)) !== undefined) {
    throw new AuthError('email_taken', 'This email already has an account; sign in with your password');
  }
  const user = await createUser(db, { email: identity.email, name: identity.name, googleSub: identity.sub });
  await adoptDemoBusinessIfFirst(db, user.id);
  return user;
}

export async function findUserById(db: Database, userId: string): Promise<User | undefined> {
  return getUser(db, userId);
}

/** Invalidates every session cookie of this user at once. */
export async function bumpSessionVersion(db: Database, userId: string): Promise<void> {
  await bumpUserSessionVersion(db, userId);
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
