import type { VoicemailRow } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';
import type { EnqueueJobContext } from '../jobs/enqueue.ts';
import { RelativeAudioPath } from '../recordings/audio-path.ts';

export const CompleteVoicemailInput = z.object({
  voicemailId: z.string().trim().min(1).max(100),
  /** Relative to the recordings folder: no absolute paths, no way out of it. */
  audioPath: RelativeAudioPath,
  audioBytes: z.number().int().min(0),
  audioContentType: z.enum(['audio/wav', 'audio/mpeg']),
  /** Null when no recogniser could run; '' when it heard nothing. */
  transcript: z.string().max(20_000).nullable(),
});
export type CompleteVoicemailInput = z.input<typeof CompleteVoicemailInput>;

/** How a voicemail's message reads once transcribed (the inbox lists reasons). */
function reasonFor(transcript: string | null, durationSeconds: number): string {
  const text = transcript?.trim() ?? '';
  if (text === '') return `Voicemail (${durationSeconds} s), no words recognised.`;
  return `Voicemail: ${text}`.slice(0, 2000);
}

/**
 * The worker stored a voicemail's audio and transcribed it: the voicemail and its message say so, and the
 * `voicemail.received` event goes out, all in one transaction. Idempotent: a voicemail completed before (a
 * retried job) is returned unchanged and no second event is recorded.
 */
export async function completeVoicemail({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: CompleteVoicemailInput;
}): Promise<{ voicemail: VoicemailRow; completedNow: boolean }> {
  const parsed = CompleteVoicemailInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'Invalid voicemail completion.', { cause: parsed.error });
  }
  const { voicemailId, transcript, ...audio } = parsed.data;
  return ctx.tenant.transaction(async (tenant) => {
    const existing = await tenant.voicemails.get(voicemailId);
    if (existing === undefined) {
      throw new DomainError('voicemail_not_found', `Voicemail ${voicemailId} was not found.`);
    }
    if (existing.completedAt !== null) return { voicemail: existing, completedNow: false };
    const voicemail = await tenant.voicemails.complete(voicemailId, {
      ...audio,
      transcript,
      completedAt: ctx.nowMs,
    });
    const message = await tenant.messages.setReason(
      voicemail.messageId,
      reasonFor(transcript, voicemail.durationSeconds),
    );
    await recordBusinessEvent({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: {
        type: 'voicemail.received',
        data: {
          voicemailId: voicemail.id,
          messageId: message.id,
          callId: voicemail.callId,
          callerNumber: message.callerNumber,
          durationSeconds: voicemail.durationSeconds,
          transcript: voicemail.transcript,
        },
      },
    });
    return { voicemail, completedNow: true };
  });
}
