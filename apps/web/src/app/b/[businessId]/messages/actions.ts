'use server';

import { setMessageHandled, tenantContext } from '@receptionist/domain';
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
  const { user } = await requireBusinessAccess(input.businessId);
  await setMessageHandled({
    ctx: tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
    input: { messageId: input.messageId, handled: input.handled === 'true' },
  });
  revalidatePath(`/b/${input.businessId}/messages`);
}
