import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { type MembershipRole, type MembershipRow, memberships, users } from '../schema/index.ts';

export interface Member {
  membershipId: string;
  userId: string;
  email: string;
  name: string | null;
  role: MembershipRole;
}

/** Who may open this business's dashboard. */
export function createMembersDal(ex: Executor, businessId: string) {
  return {
    async list(): Promise<Member[]> {
      return ex
        .select({
          membershipId: memberships.id,
          userId: users.id,
          email: users.email,
          name: users.name,
          role: memberships.role,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.businessId, businessId))
        .orderBy(asc(users.email));
    },

    async roleOf(userId: string): Promise<MembershipRole | undefined> {
      const [row] = await ex
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
        .limit(1);
      return row?.role;
    },

    /** Adds the user or changes their role. */
    async set(userId: string, role: MembershipRole): Promise<MembershipRow> {
      const [row] = await ex
        .insert(memberships)
        .values({ businessId, userId, role })
        .onConflictDoUpdate({ target: [memberships.businessId, memberships.userId], set: { role } })
        .returning();
      return row!;
    },

    async remove(userId: string): Promise<void> {
      const removed = await ex
        .delete(memberships)
        .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
        .returning({ id: memberships.id });
      if (removed.length === 0) throw new NotFoundError('membership', userId);
    },
  };
}

export type MembersDal = ReturnType<typeof createMembersDal>;
