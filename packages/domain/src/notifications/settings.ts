import {
  NOTIFICATION_TOPICS,
  type NotificationSettingsRow,
  type NotificationTopic,
  type TenantDb,
} from '@receptionist/db';
import { z } from 'zod';
import { requireE164 } from '../customers/phone.ts';
import { DomainError } from '../errors.ts';
import { assertDestination, destinationCountries } from '../phone-numbers/destination-policy.ts';
import { loadProfileFor } from '../profile/store.ts';
import { scheduleDigest } from './digest-schedule.ts';

const Topic = z.enum(NOTIFICATION_TOPICS);

export const NotificationSettingsInput = z.object({
  /** A member's own settings; absent for the business-wide row. */
  userId: z.string().trim().min(1).max(100).optional(),
  emails: z.array(z.email().max(254)).max(10).default([]),
  smsNumber: z.string().trim().max(40).optional(),
  emailTopics: z.array(Topic).max(NOTIFICATION_TOPICS.length).default([]),
  smsTopics: z.array(Topic).max(NOTIFICATION_TOPICS.length).default([]),
  callerConfirmationSms: z.boolean().default(false),
  digestHour: z.number().int().min(0).max(23).default(18),
});
export type NotificationSettingsInput = z.input<typeof NotificationSettingsInput>;

/** What applies when nobody has saved settings yet: nothing is sent until the owner chooses. */
export interface NotificationSettings {
  userId: string;
  emails: string[];
  smsNumber: string | null;
  emailTopics: Array<(typeof NOTIFICATION_TOPICS)[number]>;
  smsTopics: Array<(typeof NOTIFICATION_TOPICS)[number]>;
  callerConfirmationSms: boolean;
  digestHour: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: Omit<NotificationSettings, 'userId'> = {
  emails: [],
  smsNumber: null,
  emailTopics: [],
  smsTopics: [],
  callerConfirmationSms: false,
  digestHour: 18,
};

export function toNotificationSettings(row: NotificationSettingsRow): NotificationSettings {
  return {
    userId: row.userId,
    emails: row.emails,
    smsNumber: row.smsNumber,
    emailTopics: row.emailTopics,
    smsTopics: row.smsTopics,
    callerConfirmationSms: row.callerConfirmationSms,
    digestHour: row.digestHour,
  };
}

/** The business row and every member row, defaults filled in for the business row. */
export async function readNotificationSettings({
  ctx,
}: {
  ctx: { tenant: TenantDb };
}): Promise<{ business: NotificationSettings; members: NotificationSettings[] }> {
  const rows = (await ctx.tenant.notifications.listSettings()).map(toNotificationSettings);
  const business = rows.find((row) => row.userId === '') ?? { userId: '', ...DEFAULT_NOTIFICATION_SETTINGS };
  return { business, members: rows.filter((row) => row.userId !== '') };
}

/**
 * Saves who is told what, for the business or for one member. Turning the daily digest on queues the next
 * one (at most one per business-day, so saving twice queues nothing more).
 */
export async function saveNotificationSettings({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb; nowMs: number };
  input: NotificationSettingsInput;
}): Promise<NotificationSettings> {
  const parsed = NotificationSettingsInput.parse(input);
  const smsNumber =
    parsed.smsNumber === undefined || parsed.smsNumber === '' ? null : requireE164(parsed.smsNumber);
  return ctx.tenant.transaction(async (tenant) => {
    if (parsed.userId !== undefined && (await tenant.members.roleOf(parsed.userId)) === undefined) {
      throw new DomainError('user_not_found', 'That person is not a member of this business.');
    }
    if (smsNumber !== null) {
      const previous = (await tenant.notifications.listSettings()).find(
        (saved) => saved.userId === (parsed.userId ?? ''),
      );
      if (previous?.smsNumber !== smsNumber) {
        assertDestination('The SMS number', smsNumber, destinationCountries(await loadProfileFor(tenant)));
      }
    }
    const row = await tenant.notifications.saveSettings({
      userId: parsed.userId ?? '',
      emails: parsed.userId === undefined ? [...new Set(parsed.emails)] : [],
      smsNumber,
      emailTopics: [...new Set(parsed.emailTopics)],
      smsTopics: [...new Set(parsed.smsTopics)],
      callerConfirmationSms: parsed.userId === undefined && parsed.callerConfirmationSms,
      digestHour: parsed.digestHour,
    });
    const wantsDigest = [...row.emailTopics, ...row.smsTopics].includes('daily_digest');
    if (wantsDigest) await scheduleDigest({ ctx: { tenant, nowMs: ctx.nowMs }, input: {} });
    return toNotificationSettings(row);
  });
}

/** Every topic, in the order settings forms list them. */
export const NOTIFICATION_TOPIC_NAMES: readonly NotificationTopic[] = NOTIFICATION_TOPICS;
export type { NotificationTopic } from '@receptionist/db';
