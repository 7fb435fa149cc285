import { type ApiKeySummary, NotFoundError } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';

export const RevokeApiKeyInput = z.object({ apiKeyId: z.string().trim().min(1).max(100) });
export type RevokeApiKeyInput = z.input<typeof RevokeApiKeyInput>;

/** Revokes one of the business's keys at once; revoking a revoked key changes nothing. */
export async function revokeApiKey({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: RevokeApiKeyInput;
}): Promise<ApiKeySummary> {
  const parsed = RevokeApiKeyInput.parse(input);
  try {
    return await ctx.tenant.transaction((tenant) => tenant.apiKeys.revoke(parsed.apiKeyId));
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new DomainError('api_key_not_found', 'No such API key', { cause: error });
    }
    throw error;
  }
}
