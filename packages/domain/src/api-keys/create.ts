import { randomBytes } from 'node:crypto';
import type { ApiKeySummary } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { API_KEY_PREFIX, hashApiKey } from './hash.ts';

const PREFIX_SHOWN_CHARS = API_KEY_PREFIX.length + 6;

export const CreateApiKeyInput = z.object({ name: z.string().trim().min(1).max(80) });
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;

/** Creates a key for the business. The returned `key` is shown once and never stored (only its hash). */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: CreateApiKeyInput;
}): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const parsed = CreateApiKeyInput.parse(input);
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const apiKey = await ctx.tenant.apiKeys.create({
    name: parsed.name,
    hashedKey: hashApiKey(key),
    prefix: key.slice(0, PREFIX_SHOWN_CHARS),
  });
  return { key, apiKey };
}
