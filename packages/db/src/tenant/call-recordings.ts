import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { type CallRecordingRow, callRecordings } from '../schema/index.ts';

export interface CreateCallRecordingInput {
  callId: string;
  audioPath: string;
  audioBytes: number;
  durationMs: number;
  expiresAt: number;
}

/** Recordings of the business's calls. */
export function createCallRecordingsDal(ex: Executor, businessId: string) {
  const mine = eq(callRecordings.businessId, businessId);
  return {
    async create(input: CreateCallRecordingInput): Promise<CallRecordingRow> {
      const [row] = await ex
        .insert(callRecordings)
        .values({ businessId, ...input })
        .returning();
      return row!;
    },

    async get(recordingId: string): Promise<CallRecordingRow | undefined> {
      const [row] = await ex
        .select()
        .from(callRecordings)
        .where(and(mine, eq(callRecordings.id, recordingId)))
        .limit(1);
      return row;
    },

    async getByCall(callId: string): Promise<CallRecordingRow | undefined> {
      const [row] = await ex
        .select()
        .from(callRecordings)
        .where(and(mine, eq(callRecordings.callId, callId)))
        .limit(1);
      return row;
    },

    async markDeleted(recordingId: string, deletedAt: number): Promise<CallRecordingRow> {
      const [row] = await ex
        .update(callRecordings)
        .set({ deletedAt })
        .where(and(mine, eq(callRecordings.id, recordingId)))
        .returning();
      if (row === undefined) throw new NotFoundError('call recording', recordingId);
      return row;
    },
  };
}
