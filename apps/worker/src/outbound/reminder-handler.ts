import { finishReminderSms, loadDomainContext, runReminder } from '@receptionist/domain';
import type { JobHandler } from '../handlers/registry.ts';
import { deliver, type NotificationChannels } from '../notifications/deliver.ts';

/**
 * `reminder.due`: a reminder's time came. The domain checks the booking is still on (not cancelled, not
 * moved, not past) and the callee's quiet hours; a text is sent idempotently (keyed by the reminder), a
 * call is requested once (keyed by appointment and start) and dialled by `outbound.dial`.
 */
export function reminderDueHandler(channels: NotificationChannels): JobHandler<'reminder.due'> {
  return async ({ job, payload, db, now, logger, signal }) => {
    const ctx = await loadDomainContext(db, job.businessId, { actor: { kind: 'system' }, nowMs: now() });
    const decision = await runReminder({ ctx, input: payload });
    if (decision.kind !== 'sms') {
      logger.info({ reminderId: payload.reminderId, decision: decision.kind }, 'reminder handled');
      return;
    }
    if (channels.sms === undefined) {
      await finishReminderSms({
        ctx,
        input: { reminderId: payload.reminderId, sent: false, detail: 'sms_not_configured' },
      });
      logger.warn({ reminderId: payload.reminderId }, 'reminder SMS not sent: Twilio is not configured');
      return;
    }
    const result = await deliver(
      {
        businessId: job.businessId,
        eventKey: `reminder:${payload.reminderId}`,
        emails: [],
        sms: [{ from: decision.from, to: decision.to, body: decision.body }],
      },
      { db, channels, logger, signal },
    );
    // Neither sent now nor before: Twilio refused the number for good (recorded on the send), not a retry.
    const sent = result.sent + result.skipped > 0;
    await finishReminderSms({
      ctx,
      input: { reminderId: payload.reminderId, sent, ...(sent ? {} : { detail: 'sms_refused' }) },
    });
    logger.info({ reminderId: payload.reminderId, ...result }, 'reminder SMS sent');
  };
}
