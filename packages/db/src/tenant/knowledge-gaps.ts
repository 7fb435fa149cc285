import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type KnowledgeGapRow, knowledgeGaps } from '../schema/index.ts';

/** One open question, with how often and when it was asked. */
export interface KnowledgeGapGroup {
  normalized: string;
  /** The most recent wording. */
  question: string;
  count: number;
  lastAskedAt: number;
  callIds: string[];
}

/** Questions the receptionist could not answer, per business. */
export function createKnowledgeGapsDal(ex: Executor, businessId: string) {
  return {
    /** Adds questions for a call; one already recorded for that call (same normalised text) is skipped. */
    async addForCall(
      callId: string,
      questions: ReadonlyArray<{ question: string; normalized: string }>,
    ): Promise<KnowledgeGapRow[]> {
      if (questions.length === 0) return [];
      return ex
        .insert(knowledgeGaps)
        .values(
          questions.map((q) => ({ businessId, callId, question: q.question, normalized: q.normalized })),
        )
        .onConflictDoNothing()
        .returning();
    },

    /** Open questions grouped by their normalised text, most asked first. */
    async listOpenGroups(limit = 100): Promise<KnowledgeGapGroup[]> {
      const rows = await ex
        .select()
        .from(knowledgeGaps)
        .where(and(eq(knowledgeGaps.businessId, businessId), isNull(knowledgeGaps.answeredAt)))
        .orderBy(desc(knowledgeGaps.createdAt))
        .limit(5_000);
      const groups = new Map<string, KnowledgeGapGroup>();
      for (const row of rows) {
        const group = groups.get(row.normalized);
        if (group === undefined) {
          groups.set(row.normalized, {
            normalized: row.normalized,
            question: row.question,
            count: 1,
            lastAskedAt: row.createdAt,
            callIds: row.callId === null ? [] : [row.callId],
          });
        } else {
          group.count += 1;
          if (row.callId !== null && !group.callIds.includes(row.callId)) group.callIds.push(row.callId);
        }
      }
      return [...groups.values()]
        .sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt)
        .slice(0, limit);
    },

    /** Marks every open question of the group answered; returns how many rows it closed. */
    /** Closes the open gaps of these groups; returns the calls they were asked on (no duplicates). */
    async markAnswered(
      normalized: readonly string[],
      answeredAt: number,
    ): Promise<{ closed: number; callIds: string[] }> {
      if (normalized.length === 0) return { closed: 0, callIds: [] };
      const closed = await ex
        .update(knowledgeGaps)
        .set({ answeredAt })
        .where(
          and(
            eq(knowledgeGaps.businessId, businessId),
            inArray(knowledgeGaps.normalized, [...normalized]),
            isNull(knowledgeGaps.answeredAt),
          ),
        )
        .returning({ id: knowledgeGaps.id, callId: knowledgeGaps.callId });
      const callIds = [...new Set(closed.flatMap((row) => (row.callId === null ? [] : [row.callId])))];
      return { closed: closed.length, callIds };
    },

    async countOpen(): Promise<number> {
      const [row] = await ex
        .select({ count: sql<number>`count(distinct ${knowledgeGaps.normalized})` })
        .from(knowledgeGaps)
        .where(and(eq(knowledgeGaps.businessId, businessId), isNull(knowledgeGaps.answeredAt)));
      return Number(row?.count ?? 0);
    },
  };
}

export type KnowledgeGapsDal = ReturnType<typeof createKnowledgeGapsDal>;
