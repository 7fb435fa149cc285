'use server';

import { createApiKey, revokeApiKey, tenantContext } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';

export interface CreateKeyState {
  key?: string;
  error?: string;
}

const CreateKey = z.object({ businessId: z.string().min(1), name: z.string().trim().min(1).max(80) });

export async function createApiKeyAction(
  _previous: CreateKeyState,
  formData: FormData,
): Promise<CreateKeyState> {
  await assertSameOriginAction();
  const input = CreateKey.safeParse(Object.fromEntries(formData));
  if (!input.success) return { error: 'Give the key a name' };
  const { user } = await requireOwner(input.data.businessId);
  const { key, apiKey } = await createApiKey({
    ctx: tenantContext(await getDb(), input.data.businessId, { kind: 'staff', userId: user.id }),
    input: { name: input.data.name },
  });
  log.info({ userId: user.id, businessId: input.data.businessId, apiKeyId: apiKey.id }, 'API key created');
  revalidatePath(`/b/${input.data.businessId}/api-keys`);
  return { key };
}

const RevokeKey = z.object({ businessId: z.string().min(1), apiKeyId: z.string().min(1) });

export async function revokeApiKeyAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = RevokeKey.parse(Object.fromEntries(formData));
  const { user } = await requireOwner(input.businessId);
  await revokeApiKey({
    ctx: tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
    input: { apiKeyId: input.apiKeyId },
  });
  log.info({ userId: user.id, businessId: input.businessId, apiKeyId: input.apiKeyId }, 'API key revoked');
  revalidatePath(`/b/${input.businessId}/api-keys`);
}
