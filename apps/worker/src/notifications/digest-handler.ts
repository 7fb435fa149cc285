import { planNotifications, readDailyDigest, scheduleNextDigest } from '@receptionist/domain';
import type { JobHandler } from '../handlers/registry.ts';
import { composeDigest } from './compose.ts';
import { deliver, type NotificationChannels } from './deliver.ts';

/**
 * `notification.digest`: sends one business-day's digest to whoever asked for it, then queues the next
 * day's. Both halves are idempotent (sends keyed `digest:<date>`, one queued job per business-day), so a
 * retry after a partial run neither repeats mail nor queues a second tomorrow. When nobody wants the
 * digest any more, the chain stops; turning it back on in settings restarts it.
 */
export function createDigestHandler(channels: NotificationChannels): JobHandler<'notification.digest'> {
  return async ({ job, payload, db, now, logger, signal }) => {
    const plan = await planNotifications({
      ctx: { db },
      input: { businessId: job.businessId, topics: ['daily_digest'] },
    });
    if (plan === undefined) return;
    if (plan.emails.length === 0 && plan.sms.length === 0) {
      logger.info({ jobId: job.id }, 'daily digest no longer wanted: not rescheduled');
      return;
    }
    const digest = await readDailyDigest({
      ctx: { db },
      input: { businessId: job.businessId, date: payload.date },
    });
    if (digest === undefined) return;
    const text = composeDigest(digest);
    await deliver(
      {
        businessId: job.businessId,
        eventKey: `digest:${payload.date}`,
        emails: plan.emails.map((to) => ({ to, subject: text.subject, text: text.text })),
        sms:
          plan.smsFrom === undefined
            ? []
            : plan.sms.map((to) => ({ from: plan.smsFrom!, to, body: text.sms })),
      },
      { db, channels, logger, signal },
    );
    await scheduleNextDigest({
      ctx: { db, nowMs: now() },
      input: { businessId: job.businessId, after: payload.date },
    });
  };
}
