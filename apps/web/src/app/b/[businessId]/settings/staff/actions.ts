'use server';

import { isDomainError, removeMember, tenantContext } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireOwner } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../../server/http/action-guard.ts';
import { log } from '../../../../../server/log.ts';

export interface RemoveMemberState {
  error?: string;
}

const RemoveMemberForm = z.object({
  businessId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
});

/** An owner takes someone off the team (never the last owner: the verb refuses that). */
export async function removeMemberAction(
  _previous: RemoveMemberState,
  formData: FormData,
): Promise<RemoveMemberState> {
  await assertSameOriginAction();
  const { businessId, userId } = RemoveMemberForm.parse({
    businessId: formData.get('businessId'),
    userId: formData.get('userId'),
  });
  const { user } = await requireOwner(businessId);
  try {
    await removeMember({
      ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }),
      input: { userId },
    });
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
  log.info({ userId: user.id, businessId, removedUserId: userId }, 'team member removed');
  revalidatePath(`/b/${businessId}`, 'layout');
  return {};
}
