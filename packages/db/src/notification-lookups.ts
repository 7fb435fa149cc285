import { eq } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { nowMs } from './ids.ts';
import { type NotificationSendRow, notificationSends } from './schema/index.ts';

/**
 * Twilio's SMS status callback names only the message SID, not the business: this finds the send across
 * tenants and records the new status (before the tenant is known, like the lookups in lookups.ts).
 */
export async function updateNotificationSendStatus(
  ex: Executor,
  input: { providerId: string; status: string; errorCode: string | null },
): Promise<NotificationSendRow | undefined> {
  const [row] = await ex
    .update(notificationSends)
    .set({ status: input.status, errorCode: input.errorCode, updatedAt: nowMs() })
    .where(eq(notificationSends.providerId, input.providerId))
    .returning();
  return row;
}
