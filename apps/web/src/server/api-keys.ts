import type { ApiKeySummary, Database } from '@receptionist/db';
import { createApiKey as mintApiKey, verifyApiKey } from '@receptionist/domain';

/**
 * REST API keys, minted and verified by the receptionist package (the voice server checks the same keys).
 * Only the SHA-256 is stored; the key is shown once.
 */
export async function createApiKey(
  db: Database,
  businessId: string,
  name: string,
): Promise<{ key: string; summary: ApiKeySummary }> {
  const { key, apiKey } = await mintApiKey(db, businessId, name);
  return { key, summary: apiKey };
}

export interface ApiKeyPrincipal {
  businessId: string;
  apiKeyId: string;
}

/** The business an API key belongs to, or undefined for a malformed, unknown or revoked key. */
export async function authenticateApiKey(db: Database, key: string): Promise<ApiKeyPrincipal | undefined> {
  return verifyApiKey(db, key);
}
