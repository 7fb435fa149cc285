import { z } from 'zod';
import { BusinessEvent } from '../events/types.ts';

/** Every kind of background job, by name. Producers enqueue these; the worker has one handler per kind. */
export const JOB_KINDS = {
  callEnded: 'call.ended',
  businessEvent: 'business.event',
  webhookDeliver: 'webhook.deliver',
  notificationDigest: 'notification.digest',
  voicemailReceived: 'voicemail.received',
  callRecordingExpired: 'call_recording.expired',
  billingMeter: 'billing.meter',
  callerCodeSend: 'caller_code.send',
  outboundDial: 'outbound.dial',
  reminderDue: 'reminder.due',
  calendarSync: 'calendar.sync',
} as const;
export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

/** Each kind's payload: checked when a job is enqueued and again when a worker picks it up. */
export const JOB_PAYLOADS = {
  /** A call reached its end: the cold path (summary, usage, notifications) starts from here. */
  [JOB_KINDS.callEnded]: z.object({ callId: z.string().min(1).max(100) }),
  /** One business event for one consumer (see events/types.ts): the outbox's delivery unit. */
  [JOB_KINDS.businessEvent]: z.object({ consumer: z.string().min(1).max(50), event: BusinessEvent }),
  /**
   * One attempt to send one webhook delivery. `dueAt` is the delivery's `next_attempt_at` when the job was
   * queued: a job whose delivery has moved on (sent, or rescheduled by a redelivery) does nothing.
   */
  [JOB_KINDS.webhookDeliver]: z.object({
    deliveryId: z.string().min(1).max(100),
    dueAt: z.number().int().nonnegative(),
  }),
  /** The owner's daily digest of one local business-day (YYYY-MM-DD); the handler queues the next day. */
  [JOB_KINDS.notificationDigest]: z.object({ date: z.iso.date() }),
  /** Twilio finished a voicemail recording: fetch its audio, store it, transcribe it. */
  [JOB_KINDS.voicemailReceived]: z.object({ voicemailId: z.string().min(1).max(100) }),
  /** A call recording reached the end of its retention period: delete the file. */
  [JOB_KINDS.callRecordingExpired]: z.object({ recordingId: z.string().min(1).max(100) }),
  /** Send the business's calls not yet metered to Polar, in one batch (billing/meter.ts). */
  [JOB_KINDS.billingMeter]: z.object({}),
  /** Make a caller's one-time code and text it to the number on file (the code is never stored). */
  [JOB_KINDS.callerCodeSend]: z.object({ codeId: z.string().min(1).max(100) }),
  /**
   * Dial attempt number `attempt` (0-based) of an outbound call. Keyed by (outboundId, attempt): a job for
   * an attempt that already happened (a duplicate, a worker restart) does nothing.
   */
  [JOB_KINDS.outboundDial]: z.object({
    outboundId: z.string().min(1).max(100),
    attempt: z.number().int().min(0).max(20),
  }),
  /** An appointment reminder is due (SMS, or a call placed through `outbound.dial`). */
  [JOB_KINDS.reminderDue]: z.object({ reminderId: z.string().min(1).max(100) }),
  /**
   * Refresh one connected calendar (busy cache, our moved/deleted events, push channel). `schedule`
   * jobs queue the next one (the cache's TTL); `push` and `connect` jobs are one-off.
   */
  [JOB_KINDS.calendarSync]: z.object({
    sourceId: z.string().min(1).max(100),
    reason: z.enum(['schedule', 'push', 'connect']),
  }),
} as const satisfies Record<JobKind, z.ZodType>;

export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;

export const JobKindSchema = z.enum(Object.values(JOB_KINDS) as [JobKind, ...JobKind[]]);

export function isJobKind(kind: string): kind is JobKind {
  return JobKindSchema.safeParse(kind).success;
}

/** The payload parsed against its kind's schema, or why it does not fit. */
export function parseJobPayload<K extends JobKind>(
  kind: K,
  payload: unknown,
): { ok: true; payload: JobPayload<K> } | { ok: false; error: string } {
  const parsed = JOB_PAYLOADS[kind].safeParse(payload);
  if (parsed.success) return { ok: true, payload: parsed.data as JobPayload<K> };
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`,
  );
  return { ok: false, error: `invalid ${kind} payload: ${problems.join('; ')}` };
}
