'use server';

import {
  isDomainError,
  NOTIFICATION_TOPIC_NAMES,
  saveNotificationSettings,
  tenantContext,
} from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireBusinessAccess, requireOwner } from '../../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../../server/clock.ts';
import { getDb } from '../../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../../server/http/action-guard.ts';
import { log } from '../../../../../server/log.ts';

export interface ActionState {
  ok?: string;
  error?: string;
}

const Form = z.object({
  businessId: z.string().min(1).max(100),
  scope: z.enum(['business', 'me']),
});

function topics(formData: FormData, channel: 'email' | 'sms') {
  const chosen = formData.getAll(`${channel}Topics`).map(String);
  return NOTIFICATION_TOPIC_NAMES.filter((topic) => chosen.includes(topic));
}

/**
 * Saves notification settings: the business's (owner only: extra addresses, owner SMS number, caller
 * confirmations, digest hour) or the signed-in member's own (which events reach their sign-in address).
 */
export async function saveNotificationsAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  await assertSameOriginAction();
  const form = Form.parse({ businessId: formData.get('businessId'), scope: formData.get('scope') });
  const { user } =
    form.scope === 'business'
      ? await requireOwner(form.businessId)
      : await requireBusinessAccess(form.businessId);
  const { tenant } = tenantContext(await getDb(), form.businessId, { kind: 'staff', userId: user.id });
  const smsNumber = String(formData.get('smsNumber') ?? '').trim();
  try {
    await saveNotificationSettings({
      ctx: { tenant, nowMs: systemClock() },
      input: {
        userId: form.scope === 'me' ? user.id : undefined,
        emails: String(formData.get('emails') ?? '')
          .split(/[\s,;]+/)
          .map((email) => email.trim())
          .filter((email) => email !== ''),
        smsNumber: smsNumber === '' ? undefined : smsNumber,
        emailTopics: topics(formData, 'email'),
        smsTopics: topics(formData, 'sms'),
        callerConfirmationSms: formData.get('callerConfirmationSms') === 'on',
        digestHour: Number(formData.get('digestHour') ?? 18),
      },
    });
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    if (error instanceof z.ZodError) return { error: 'Check the email addresses and the digest hour' };
    throw error;
  }
  log.info(
    { userId: user.id, businessId: form.businessId, scope: form.scope },
    'notification settings saved',
  );
  revalidatePath(`/b/${form.businessId}/settings/notifications`);
  return { ok: 'Saved' };
}
