import {
  authenticateLocalUser as authenticateLocalUserVerb,
  isDomainError,
  registerLocalUser as registerLocalUserVerb,
  signOutEverywhere,
  upsertGoogleUser as upsertGoogleUserVerb,
} from '@receptionist/domain';
import type { Database } from '../db.ts';
import type { User } from '../queries/accounts.ts';
import { AuthError } from './errors.ts';
import type { GoogleIdentity } from './google.ts';

export {
  type BusinessMembership,
  findMembership,
  findUserById,
  listMemberships,
  type User,
} from '../queries/accounts.ts';

/**
 * Dashboard accounts: local (email + scrypt password) and Google (keyed by `sub`). The rules and the
 * writes are domain verbs; this file turns their refusals into the AuthError codes the sign-in pages
 * and the OAuth callback branch on.
 */

const AUTH_CODES = new Set(['email_taken', 'weak_password', 'invalid_credentials'] as const);

async function asAuthErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error) && AUTH_CODES.has(error.code as never)) {
      throw new AuthError(error.code as 'email_taken', error.message, { cause: error });
    }
    throw error;
  }
}

export function registerLocalUser(
  db: Database,
  input: { email: string; password: string; name?: string | undefined; requireVerification?: boolean },
): Promise<User> {
  return asAuthErrors(() => registerLocalUserVerb({ ctx: { db, actor: { kind: 'system' } }, input }));
}

export function authenticateLocalUser(db: Database, email: string, password: string): Promise<User> {
  return asAuthErrors(() => authenticateLocalUserVerb({ ctx: { db }, input: { email, password } }));
}

/** Google users are keyed by `sub`. An existing password account with the same email is never linked. */
export function upsertGoogleUser(db: Database, identity: GoogleIdentity): Promise<User> {
  return asAuthErrors(() =>
    upsertGoogleUserVerb({ ctx: { db, actor: { kind: 'system' } }, input: identity }),
  );
}

/** Invalidates every session cookie of this user at once. */
export async function bumpSessionVersion(db: Database, userId: string): Promise<void> {
  await signOutEverywhere({ ctx: { db, actor: { kind: 'staff', userId } } });
}
