import { forBusiness, type NotificationSettingsRow, type NotificationTopic } from '@receptionist/db';
import type { Database } from '../db.ts';

export interface NotificationSettingsView {
  emails: string[];
  smsNumber: string | null;
  emailTopics: NotificationTopic[];
  smsTopics: NotificationTopic[];
  callerConfirmationSms: boolean;
  digestHour: number;
}

export interface RecentNotificationSend {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  status: string;
  errorCode: string | null;
  createdAt: number;
}

const EMPTY: NotificationSettingsView = {
  emails: [],
  smsNumber: null,
  emailTopics: [],
  smsTopics: [],
  callerConfirmationSms: false,
  digestHour: 18,
};

function toView(row: NotificationSettingsRow | undefined): NotificationSettingsView {
  if (row === undefined) return EMPTY;
  return {
    emails: row.emails,
    smsNumber: row.smsNumber,
    emailTopics: row.emailTopics,
    smsTopics: row.smsTopics,
    callerConfirmationSms: row.callerConfirmationSms,
    digestHour: row.digestHour,
  };
}

/** The business's notification settings, the signed-in member's own, and the latest sends. */
export async function getNotificationSettings(
  db: Database,
  businessId: string,
  userId: string,
): Promise<{
  business: NotificationSettingsView;
  mine: NotificationSettingsView;
  recent: RecentNotificationSend[];
}> {
  const tenant = forBusiness(db, businessId);
  const rows = await tenant.notifications.listSettings();
  const sends = await tenant.notifications.listSends();
  return {
    business: toView(rows.find((row) => row.userId === '')),
    mine: toView(rows.find((row) => row.userId === userId)),
    recent: sends
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, 20)
      .map(({ id, channel, recipient, status, errorCode, createdAt }) => ({
        id,
        channel,
        recipient,
        status,
        errorCode,
        createdAt,
      })),
  };
}
