import { and, asc, count, eq, gte, inArray, isNull, lt, sum } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  type BillingAccountRow,
  billingAccounts,
  type CallUsageRow,
  callUsage,
  jobs,
  polarWebhookReceipts,
} from '../schema/index.ts';

export type BillingAccountPatch = Partial<Omit<BillingAccountRow, 'businessId' | 'createdAt' | 'updatedAt'>>;

export interface UsageTotals {
  calls: number;
  billableSeconds: number;
}

/** The business's billing state and its calls' billable time. */
export function createBillingDal(ex: Executor, businessId: string) {
  const mine = eq(callUsage.businessId, businessId);
  return {
    async getAccount(): Promise<BillingAccountRow | undefined> {
      const [row] = await ex
        .select()
        .from(billingAccounts)
        .where(eq(billingAccounts.businessId, businessId))
        .limit(1);
      return row;
    },

    /** Creates the row on first write (a business starts on the trial without one). */
    async upsertAccount(patch: BillingAccountPatch): Promise<BillingAccountRow> {
      const [row] = await ex
        .insert(billingAccounts)
        .values({ businessId, ...patch })
        .onConflictDoUpdate({ target: billingAccounts.businessId, set: patch })
        .returning();
      return row!;
    },

    /** Records a call's billable time once; false when the call already had its row. */
    async recordUsage(input: {
      callId: string;
      startedAt: number;
      billableSeconds: number;
      metered: boolean;
    }): Promise<boolean> {
      const inserted = await ex
        .insert(callUsage)
        .values({ businessId, ...input })
        .onConflictDoNothing({ target: callUsage.callId })
        .returning({ callId: callUsage.callId });
      return inserted.length === 1;
    },

    /** Calls and billable seconds of calls started in [fromMs, toMs). */
    async totals(range: { fromMs: number; toMs: number }): Promise<UsageTotals> {
      const [row] = await ex
        .select({ calls: count(), seconds: sum(callUsage.billableSeconds) })
        .from(callUsage)
        .where(and(mine, gte(callUsage.startedAt, range.fromMs), lt(callUsage.startedAt, range.toMs)));
      return { calls: row?.calls ?? 0, billableSeconds: Number(row?.seconds ?? 0) };
    },

    /** The rows of calls started in [fromMs, toMs), oldest first (the chart buckets them by day). */
    async listUsage(range: { fromMs: number; toMs: number }): Promise<CallUsageRow[]> {
      return ex
        .select()
        .from(callUsage)
        .where(and(mine, gte(callUsage.startedAt, range.fromMs), lt(callUsage.startedAt, range.toMs)))
        .orderBy(asc(callUsage.startedAt));
    },

    /** Usage to send to Polar that it has not accepted yet, oldest first. */
    async listUnmetered(limit: number): Promise<CallUsageRow[]> {
      return ex
        .select()
        .from(callUsage)
        .where(and(mine, eq(callUsage.metered, true), isNull(callUsage.meteredAt)))
        .orderBy(asc(callUsage.startedAt))
        .limit(limit);
    },

    /** Whether a job of this kind is waiting to run for the business (a batch that will pick up new rows). */
    async hasQueuedJob(kind: string): Promise<boolean> {
      const [row] = await ex
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.businessId, businessId), eq(jobs.kind, kind), eq(jobs.status, 'queued')))
        .limit(1);
      return row !== undefined;
    },

    async markMetered(callIds: readonly string[], meteredAt: number): Promise<void> {
      if (callIds.length === 0) return;
      await ex
        .update(callUsage)
        .set({ meteredAt })
        .where(and(mine, inArray(callUsage.callId, [...callIds]), isNull(callUsage.meteredAt)));
    },
  };
}

/**
 * Claims a Polar webhook id (not tenant-owned: it arrives before we know whose it is). False when it was
 * already claimed, i.e. the delivery is a replay or a retry of one already applied.
 */
export async function claimPolarWebhook(
  ex: Executor,
  input: { webhookId: string; eventType: string; receivedAt: number },
): Promise<boolean> {
  const inserted = await ex
    .insert(polarWebhookReceipts)
    .values(input)
    .onConflictDoNothing({ target: polarWebhookReceipts.webhookId })
    .returning({ webhookId: polarWebhookReceipts.webhookId });
  return inserted.length === 1;
}
