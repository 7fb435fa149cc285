import type { NotificationTopic, TenantDb } from '@receptionist/db';

import { readNotificationSettings } from './settings.ts';

/**
 * Whether anyone is set up to hear of these topics right away (an email address or a number that chose
 * one of them). The receptionist tells a caller "I've passed your message on" only when this is true;
 * the daily digest does not count, since it is not "on". Opt-outs are the owner's own numbers here and
 * do not change the answer.
 */
export async function isAnyoneToldOf({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb };
  input: { topics: readonly NotificationTopic[] };
}): Promise<boolean> {
  const { business, members } = await readNotificationSettings({ ctx });
  const wants = (chosen: readonly NotificationTopic[]) =>
    input.topics.some((topic) => chosen.includes(topic));
  if (business.emails.length > 0 && wants(business.emailTopics)) return true;
  if (business.smsNumber !== null && wants(business.smsTopics)) return true;
  const memberIds = new Set((await ctx.tenant.members.list()).map((member) => member.userId));
  return members.some(
    (member) =>
      memberIds.has(member.userId) &&
      (wants(member.emailTopics) || (member.smsNumber !== null && wants(member.smsTopics))),
  );
}
