import {
  type Executor,
  forBusiness,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
  updateNotificationSendStatus,
} from '@receptionist/db';
import { z } from 'zod';

const SendKey = z.object({
  businessId: z.string().min(1).max(100),
  /** The business event id, or `digest:<date>`. */
  eventKey: z.string().min(1).max(120),
  channel: z.enum(NOTIFICATION_CHANNELS),
  recipient: z.string().min(1).max(254),
});

const RecordSendInput = SendKey.extend({
  status: z.string().min(1).max(40),
  providerId: z.string().max(200).nullish(),
  errorCode: z.string().max(40).nullish(),
});

/** Whether this notification already went out: checked before sending, so a retry sends only what is missing. */
export async function wasNotificationSent({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; eventKey: string; channel: NotificationChannel; recipient: string };
}): Promise<boolean> {
  const key = SendKey.parse(input);
  const row = await forBusiness(ctx.db, key.businessId).notifications.findSend(
    key.eventKey,
    key.channel,
    key.recipient,
  );
  return row !== undefined;
}

/** Records a notification as sent (or refused for good); written right after the provider accepted it. */
export async function recordNotificationSend({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: z.input<typeof RecordSendInput>;
}): Promise<void> {
  const { businessId, ...send } = RecordSendInput.parse(input);
  await forBusiness(ctx.db, businessId).notifications.recordSend(send);
}

const SmsStatusInput = z.object({
  messageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  status: z.string().min(1).max(40),
  errorCode: z.string().max(40).optional(),
});

/**
 * Twilio's delivery status for an SMS we sent. Callbacks come at least once and out of order; a later
 * report simply overwrites (Twilio's final states are the last it sends). Unknown SIDs are ignored.
 */
export async function recordSmsStatus({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: z.input<typeof SmsStatusInput>;
}): Promise<{ businessId: string } | undefined> {
  const parsed = SmsStatusInput.parse(input);
  const row = await updateNotificationSendStatus(ctx.db, {
    providerId: parsed.messageSid,
    status: parsed.status,
    errorCode: parsed.errorCode ?? null,
  });
  return row === undefined ? undefined : { businessId: row.businessId };
}
