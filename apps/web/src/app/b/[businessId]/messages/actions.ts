'use server';

import { forBusiness } from '@receptionist/db';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';

const MarkHandled = z.object({
  businessId: z.string().min(1),
  messageId: z.string().min(1),
  handled: z.enum(['true', 'false']),
});

export async function setMessageHandledAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = MarkHandled.parse(Object.fromEntries(formData));
  await requireBusinessAccess(input.businessId);
  await forBusiness(await getDb(), input.businessId).messages.setHandled(
    input.messageId,
    input.handled === 'true',
  );
  revalidatePath(`/b/${input.businessId}/messages`);
}
