import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { nowMs } from '../ids.ts';
import { type ApiKeyRow, apiKeys } from '../schema/index.ts';

/** A key as the dashboard may show it: never the hash. */
export type ApiKeySummary = Omit<ApiKeyRow, 'hashedKey'>;

function summary({ hashedKey: _hashedKey, ...rest }: ApiKeyRow): ApiKeySummary {
  return rest;
}

/** The business's REST API keys (hashes only; see @receptionist/receptionist for minting keys). */
export function createApiKeysDal(ex: Executor, businessId: string) {
  return {
    async create(input: { name: string; hashedKey: string; prefix: string }): Promise<ApiKeySummary> {
      const [row] = await ex
        .insert(apiKeys)
        .values({ businessId, name: input.name, hashedKey: input.hashedKey, prefix: input.prefix })
        .returning();
      return summary(row!);
    },

    async list(): Promise<ApiKeySummary[]> {
      const rows = await ex
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.businessId, businessId))
        .orderBy(desc(apiKeys.createdAt));
      return rows.map(summary);
    },

    async revoke(apiKeyId: string): Promise<ApiKeySummary> {
      const own = and(eq(apiKeys.id, apiKeyId), eq(apiKeys.businessId, businessId));
      await ex
        .update(apiKeys)
        .set({ revokedAt: nowMs() })
        .where(and(own, isNull(apiKeys.revokedAt)));
      const [row] = await ex.select().from(apiKeys).where(own).limit(1);
      if (row === undefined) throw new NotFoundError('api key', apiKeyId);
      return summary(row);
    },
  };
}

export type ApiKeysDal = ReturnType<typeof createApiKeysDal>;
