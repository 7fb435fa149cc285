'use server';

import {
  addDoNotContact,
  removeDoNotContact,
  tenantContext,
  updateBusinessProfile,
} from '@receptionist/domain';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireOwner } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../../server/http/action-guard.ts';
import { explainDomainRefusal } from '../../../../../server/staff/domain-errors.ts';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const PolicyForm = z.object({
  businessId: z.string().min(1).max(100),
  remindersEnabled: z.literal('on').optional(),
  hoursBefore: z.coerce.number().int().min(1).max(168),
  remindBySms: z.literal('on').optional(),
  remindByCall: z.literal('on').optional(),
  allowedFrom: Clock,
  allowedUntil: Clock,
  dailyCallCap: z.coerce.number().int().min(0).max(10_000),
  maxAttempts: z.coerce.number().int().min(1).max(5),
  retryDelayMinutes: z.coerce.number().int().min(1).max(1440),
  waitlistOffers: z.literal('on').optional(),
  waitlistOfferSize: z.coerce.number().int().min(1).max(20),
});

function back(businessId: string, message: { ok?: string; error?: string }): never {
  const query = new URLSearchParams(message as Record<string, string>).toString();
  redirect(`/b/${businessId}/settings/outbound?${query}`);
}

/** Saves the business's outbound policy (reminders, quiet hours, daily cap, retries, waitlist offers). */
export async function saveOutboundPolicyAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const form = PolicyForm.parse(Object.fromEntries(formData));
  const { user } = await requireOwner(form.businessId);
  const channels = [
    ...(form.remindBySms ? ['sms' as const] : []),
    ...(form.remindByCall ? ['call' as const] : []),
  ];
  const ctx = tenantContext(await getDb(), form.businessId, { kind: 'staff', userId: user.id });
  await updateBusinessProfile({
    ctx,
    input: {
      outbound: {
        reminders: {
          enabled: form.remindersEnabled === 'on' && channels.length > 0,
          hoursBefore: form.hoursBefore,
          channels: channels.length > 0 ? channels : ['sms'],
        },
        quietHours: { allowedFrom: form.allowedFrom, allowedUntil: form.allowedUntil },
        dailyCallCap: form.dailyCallCap,
        retry: { maxAttempts: form.maxAttempts, delayMinutes: form.retryDelayMinutes },
        waitlistOffers: form.waitlistOffers === 'on',
        waitlistOfferSize: form.waitlistOfferSize,
      },
    },
  });
  back(form.businessId, { ok: 'Saved.' });
}

const NumberForm = z.object({
  businessId: z.string().min(1).max(100),
  phone: z.string().trim().min(3).max(40),
  intent: z.enum(['add', 'remove']),
  reason: z.string().trim().max(200).optional(),
});

/** Adds a number to (or takes it off) the do-not-contact list. */
export async function doNotContactAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const form = NumberForm.parse(Object.fromEntries(formData));
  const { user } = await requireOwner(form.businessId);
  const ctx = tenantContext(await getDb(), form.businessId, { kind: 'staff', userId: user.id });
  const result = await explainDomainRefusal(() =>
    form.intent === 'add'
      ? addDoNotContact({ ctx, input: { phone: form.phone, reason: form.reason } })
      : removeDoNotContact({ ctx, input: { phone: form.phone } }),
  );
  back(form.businessId, 'error' in result ? { error: result.error } : { ok: 'Updated the list.' });
}
