import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { nowMs } from '../ids.ts';
import {
  type NotificationChannel,
  type NotificationSendRow,
  type NotificationSettingsRow,
  type NotificationTopic,
  notificationDigests,
  notificationSends,
  notificationSettings,
  smsOptOuts,
} from '../schema/index.ts';

export interface NotificationSettingsInput {
  /** '' for the business-wide row. */
  userId: string;
  emails: string[];
  smsNumber: string | null;
  emailTopics: NotificationTopic[];
  smsTopics: NotificationTopic[];
  callerConfirmationSms: boolean;
  digestHour: number;
}

export interface NotificationSendInput {
  eventKey: string;
  channel: NotificationChannel;
  recipient: string;
  status: string;
  providerId?: string | null | undefined;
  errorCode?: string | null | undefined;
}

/** Notification settings, the sends made (idempotency + delivery status), SMS opt-outs, digest days. */
export function createNotificationsDal(ex: Executor, businessId: string) {
  return {
    async listSettings(): Promise<NotificationSettingsRow[]> {
      return ex.select().from(notificationSettings).where(eq(notificationSettings.businessId, businessId));
    },

    async saveSettings(input: NotificationSettingsInput): Promise<NotificationSettingsRow> {
      const { userId, ...fields } = input;
      const [row] = await ex
        .insert(notificationSettings)
        .values({ businessId, userId, ...fields })
        .onConflictDoUpdate({
          target: [notificationSettings.businessId, notificationSettings.userId],
          set: { ...fields, updatedAt: nowMs() },
        })
        .returning();
      return row!;
    },

    async findSend(
      eventKey: string,
      channel: NotificationChannel,
      recipient: string,
    ): Promise<NotificationSendRow | undefined> {
      const [row] = await ex
        .select()
        .from(notificationSends)
        .where(
          and(
            eq(notificationSends.businessId, businessId),
            eq(notificationSends.eventKey, eventKey),
            eq(notificationSends.channel, channel),
            eq(notificationSends.recipient, recipient),
          ),
        )
        .limit(1);
      return row;
    },

    /** Records a send; a second record of the same (event, channel, recipient) keeps the first. */
    async recordSend(input: NotificationSendInput): Promise<void> {
      await ex
        .insert(notificationSends)
        .values({
          businessId,
          eventKey: input.eventKey,
          channel: input.channel,
          recipient: input.recipient,
          status: input.status,
          providerId: input.providerId ?? null,
          errorCode: input.errorCode ?? null,
        })
        .onConflictDoNothing();
    },

    async listSends(): Promise<NotificationSendRow[]> {
      return ex.select().from(notificationSends).where(eq(notificationSends.businessId, businessId));
    },

    async isOptedOut(phoneNumber: string): Promise<boolean> {
      const [row] = await ex
        .select({ optedOut: smsOptOuts.optedOut })
        .from(smsOptOuts)
        .where(and(eq(smsOptOuts.businessId, businessId), eq(smsOptOuts.phoneNumber, phoneNumber)))
        .limit(1);
      return row?.optedOut ?? false;
    },

    async setOptOut(phoneNumber: string, optedOut: boolean): Promise<void> {
      await ex
        .insert(smsOptOuts)
        .values({ businessId, phoneNumber, optedOut })
        .onConflictDoUpdate({
          target: [smsOptOuts.businessId, smsOptOuts.phoneNumber],
          set: { optedOut, updatedAt: nowMs() },
        });
    },

    /** Claims a business-day for the digest; false when it was already claimed. */
    async claimDigestDay(date: string, runAt: number): Promise<boolean> {
      const inserted = await ex
        .insert(notificationDigests)
        .values({ businessId, date, runAt })
        .onConflictDoNothing()
        .returning({ id: notificationDigests.id });
      return inserted.length > 0;
    },
  };
}

export type NotificationsDal = ReturnType<typeof createNotificationsDal>;
