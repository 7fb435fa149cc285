import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { type VoicemailRow, voicemails } from '../schema/index.ts';

export interface CreateVoicemailInput {
  messageId: string;
  callId?: string | undefined;
  recordingSid: string;
  durationSeconds: number;
}

export interface CompleteVoicemailInput {
  audioPath: string;
  audioBytes: number;
  audioContentType: string;
  transcript: string | null;
  completedAt: number;
}

/** Voicemails left for the business. */
export function createVoicemailsDal(ex: Executor, businessId: string) {
  const mine = eq(voicemails.businessId, businessId);

  return {
    async create(input: CreateVoicemailInput): Promise<VoicemailRow> {
      const [row] = await ex
        .insert(voicemails)
        .values({
          businessId,
          messageId: input.messageId,
          callId: input.callId ?? null,
          recordingSid: input.recordingSid,
          durationSeconds: input.durationSeconds,
        })
        .returning();
      return row!;
    },

    async get(voicemailId: string): Promise<VoicemailRow | undefined> {
      const [row] = await ex
        .select()
        .from(voicemails)
        .where(and(mine, eq(voicemails.id, voicemailId)))
        .limit(1);
      return row;
    },

    async getByRecordingSid(recordingSid: string): Promise<VoicemailRow | undefined> {
      const [row] = await ex
        .select()
        .from(voicemails)
        .where(and(mine, eq(voicemails.recordingSid, recordingSid)))
        .limit(1);
      return row;
    },

    async getByMessage(messageId: string): Promise<VoicemailRow | undefined> {
      const [row] = await ex
        .select()
        .from(voicemails)
        .where(and(mine, eq(voicemails.messageId, messageId)))
        .limit(1);
      return row;
    },

    async complete(voicemailId: string, input: CompleteVoicemailInput): Promise<VoicemailRow> {
      const [row] = await ex
        .update(voicemails)
        .set(input)
        .where(and(mine, eq(voicemails.id, voicemailId)))
        .returning();
      if (row === undefined) throw new NotFoundError('voicemail', voicemailId);
      return row;
    },
  };
}

export type VoicemailsDal = ReturnType<typeof createVoicemailsDal>;
