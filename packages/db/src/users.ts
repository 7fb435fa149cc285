import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { NotFoundError } from './errors.ts';
import {
  type BusinessRow,
  businesses,
  type MembershipRole,
  memberships,
  type UserRow,
  users,
} from './schema/index.ts';

// Users are not tenant-owned (one person can belong to several businesses), so these take no business id.

export interface CreateUserInput {
  email: string;
  name?: string | undefined;
  googleSub?: string | undefined;
  passwordHash?: string | undefined;
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(ex: Executor, input: CreateUserInput): Promise<UserRow> {
  const [row] = await ex
    .insert(users)
    .values({
      email: normaliseEmail(input.email),
      name: input.name ?? null,
      googleSub: input.googleSub ?? null,
      passwordHash: input.passwordHash ?? null,
    })
    .returning();
  return row!;
}

export async function getUser(ex: Executor, userId: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, userId)).limit(1);
  return row;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return row;
}

export async function findUserByGoogleSub(ex: Executor, googleSub: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.googleSub, googleSub)).limit(1);
  return row;
}

export async function updateUser(
  ex: Executor,
  userId: string,
  patch: { name?: string | null; googleSub?: string | null; passwordHash?: string | null },
): Promise<UserRow> {
  const [row] = await ex.update(users).set(patch).where(eq(users.id, userId)).returning();
  if (row === undefined) throw new NotFoundError('user', userId);
  return row;
}

/** Signs the user out everywhere: sessions issued at an older version stop working. */
export async function bumpSessionVersion(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (row === undefined) throw new NotFoundError('user', userId);
  return row.sessionVersion;
}

/** The businesses a user may open, with their role in each. */
export async function listBusinessesForUser(
  ex: Executor,
  userId: string,
): Promise<Array<{ business: BusinessRow; role: MembershipRole }>> {
  return ex
    .select({ business: businesses, role: memberships.role })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(and(eq(memberships.userId, userId)))
    .orderBy(asc(businesses.name));
}
