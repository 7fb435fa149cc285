import { type VoicemailRow, voicemails } from '@receptionist/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db.ts';

/** What a page or the audio route needs of a voicemail. */
export type VoicemailView = Pick<
  VoicemailRow,
  'id' | 'messageId' | 'durationSeconds' | 'audioPath' | 'audioBytes' | 'audioContentType' | 'transcript'
>;

const columns = {
  id: voicemails.id,
  messageId: voicemails.messageId,
  durationSeconds: voicemails.durationSeconds,
  audioPath: voicemails.audioPath,
  audioBytes: voicemails.audioBytes,
  audioContentType: voicemails.audioContentType,
  transcript: voicemails.transcript,
};

/** One voicemail of this business, or undefined (another business's id reads as missing). */
export async function findVoicemail(
  db: Database,
  businessId: string,
  voicemailId: string,
): Promise<VoicemailView | undefined> {
  const [row] = await db
    .select(columns)
    .from(voicemails)
    .where(and(eq(voicemails.businessId, businessId), eq(voicemails.id, voicemailId)))
    .limit(1);
  return row;
}

/** The voicemails behind these messages, by message id (one query for an inbox page). */
export async function voicemailsByMessage(
  db: Database,
  businessId: string,
  messageIds: readonly string[],
): Promise<Map<string, VoicemailView>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(voicemails)
    .where(and(eq(voicemails.businessId, businessId), inArray(voicemails.messageId, [...messageIds])));
  return new Map(rows.map((row) => [row.messageId, row]));
}
