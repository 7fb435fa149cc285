import { type Executor, forBusiness, NOTIFICATION_TOPICS, type NotificationTopic } from '@receptionist/db';
import type { BusinessEvent } from '../events/types.ts';
import { readNotificationSettings } from './settings.ts';

/** The settings topic an event falls under; undefined for events nobody is notified of (call.ended…). */
export function topicsOf(event: BusinessEvent): NotificationTopic[] {
  switch (event.type) {
    case 'message.taken':
      // An urgent message reaches both who asked for urgent ones and who asked for every message.
      return event.data.urgency === 'high' ? ['urgent_message', 'message'] : ['message'];
    case 'appointment.booked':
    case 'appointment.rescheduled':
    case 'appointment.cancelled':
      return ['booking'];
    case 'voicemail.received':
      return ['voicemail'];
    case 'webhook.disabled':
    case 'usage.threshold_reached':
    case 'calendar.needs_attention':
      // Not a topic anyone picks: whoever hears from the business at all should hear this one.
      return [...NOTIFICATION_TOPICS];
    default:
      return [];
  }
}

export interface NotificationPlan {
  businessName: string;
  timeZone: string;
  /** The business's own number, the sender of every SMS; undefined when it has none (no SMS then). */
  smsFrom: string | undefined;
  emails: string[];
  /** Owner/member numbers to text, opted-out ones removed. */
  sms: string[];
  /** The booked caller, when the business confirms bookings by SMS and the caller has not opted out. */
  callerSms: string | undefined;
  /** Numbers left out because they texted STOP. */
  optedOut: string[];
}

/** Who should hear about one topic (an event's, or the daily digest), under the business's current settings. */
export async function planNotifications({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: {
    businessId: string;
    topics: NotificationTopic[];
    callerNumber?: string | undefined;
    /** Email the business's owners whatever their settings (billing warnings must reach who pays). */
    includeOwners?: boolean | undefined;
  };
}): Promise<NotificationPlan | undefined> {
  const tenant = forBusiness(ctx.db, input.businessId);
  const business = await tenant.business.get();
  if (business === undefined) return undefined;
  const settings = await readNotificationSettings({ ctx: { tenant } });
  const memberList = await tenant.members.list();
  const members = new Map(memberList.map((member) => [member.userId, member.email]));
  const wants = (topics: NotificationTopic[]) => input.topics.some((topic) => topics.includes(topic));

  const emails = new Set<string>();
  const sms = new Set<string>();
  if (wants(settings.business.emailTopics)) for (const email of settings.business.emails) emails.add(email);
  if (settings.business.smsNumber !== null && wants(settings.business.smsTopics)) {
    sms.add(settings.business.smsNumber);
  }
  if (input.includeOwners === true) {
    for (const member of memberList) if (member.role === 'owner') emails.add(member.email.toLowerCase());
  }
  for (const member of settings.members) {
    const email = members.get(member.userId);
    if (email === undefined) continue; // no longer a member
    if (wants(member.emailTopics)) emails.add(email.toLowerCase());
    if (member.smsNumber !== null && wants(member.smsTopics)) sms.add(member.smsNumber);
  }
  const callerSms =
    settings.business.callerConfirmationSms && input.callerNumber !== undefined
      ? input.callerNumber
      : undefined;

  const optedOut: string[] = [];
  const allowed = async (number: string) => {
    if (!(await tenant.notifications.isOptedOut(number))) return true;
    optedOut.push(number);
    return false;
  };
  const smsAllowed: string[] = [];
  for (const number of sms) if (await allowed(number)) smsAllowed.push(number);
  const callerAllowed = callerSms !== undefined && (await allowed(callerSms)) ? callerSms : undefined;
  const [from] = await tenant.phoneNumbers.list();
  return {
    businessName: business.name,
    timeZone: business.timeZone,
    smsFrom: from?.e164,
    emails: [...emails],
    sms: smsAllowed,
    callerSms: callerAllowed,
    optedOut,
  };
}
