import { type Executor, forBusiness } from '@receptionist/db';

/** At most this many calls go to Polar in one meter request (its ingest endpoint takes batches). */
export const METER_BATCH_SIZE = 100;

export interface PendingMeterUsage {
  callId: string;
  startedAt: number;
  billableSeconds: number;
}

/** Usage Polar has not accepted yet, oldest first (calls billing 0 s are never sent). */
export async function listUnmeteredUsage({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; limit?: number };
}): Promise<PendingMeterUsage[]> {
  const rows = await forBusiness(ctx.db, input.businessId).billing.listUnmetered(
    input.limit ?? METER_BATCH_SIZE,
  );
  return rows.map((row) => ({
    callId: row.callId,
    startedAt: row.startedAt,
    billableSeconds: row.billableSeconds,
  }));
}

/** Marks calls as accepted by Polar, after it answered; a call marked already stays as it was. */
export async function markUsageMetered({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: { businessId: string; callIds: readonly string[] };
}): Promise<void> {
  await forBusiness(ctx.db, input.businessId).billing.markMetered(input.callIds, ctx.nowMs);
}
