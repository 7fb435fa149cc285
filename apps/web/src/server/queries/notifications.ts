import { forBusiness, type NotificationSettingsRow } from '@receptionist/db';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
  toNotificationSettings,
} from '@receptionist/domain';
import type { Database } from '../db.ts';

/** What the settings form shows: the domain's settings without the member id. */
export type NotificationSettingsView = Omit<NotificationSettings, 'userId'>;

export interface RecentNotificationSend {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  status: string;
  errorCode: string | null;
  createdAt: number;
}

/** The saved row as the form shows it, or what applies while nothing is saved (the domain's defaults). */
function toView(row: NotificationSettingsRow | undefined): NotificationSettingsView {
  if (row === undefined) return DEFAULT_NOTIFICATION_SETTINGS;
  const { userId: _userId, ...view } = toNotificationSettings(row);
  return view;
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
