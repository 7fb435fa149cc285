'use server';

import { requestOutboundCall } from '@receptionist/domain';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { staffDomainContext } from '../../../../server/staff/domain-context.ts';
import { explainDomainRefusal } from '../../../../server/staff/domain-errors.ts';

const CallNow = z.object({
  businessId: z.string().min(1),
  to: z.string().min(3).max(40),
  purpose: z.enum(['callback', 'reminder', 'custom']),
  messageId: z.string().min(1).optional(),
  appointmentId: z.string().min(1).optional(),
  /** Where to come back to when the call cannot be placed (its page shows the reason). */
  returnTo: z.string().startsWith('/b/'),
});

/**
 * "Call now" on a call or a message: the receptionist calls the person back with that context (the same
 * verb as `POST /api/v1/calls/outbound`, so the same rules: quiet hours, cap, do-not-contact). Opens the
 * new call's page, where it shows as queued, ringing, then its transcript.
 */
export async function callNowAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = CallNow.parse(Object.fromEntries([...formData].filter(([, value]) => value !== '')));
  const { user } = await requireBusinessAccess(input.businessId);
  const ctx = await staffDomainContext(await getDb(), input.businessId, user.id, systemClock);
  const result = await explainDomainRefusal(() =>
    requestOutboundCall({
      ctx,
      input: {
        to: input.to,
        purpose: input.purpose,
        messageId: input.messageId,
        appointmentId: input.appointmentId,
      },
    }),
  );
  if ('error' in result) redirect(`${input.returnTo}?callError=${encodeURIComponent(result.error)}`);
  redirect(`/b/${input.businessId}/calls/${result.ok.callId}`);
}
