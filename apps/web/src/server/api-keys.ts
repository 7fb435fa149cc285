import { verifyApiKey } from '@receptionist/domain';
import type { Database } from './db.ts';

/**
 * REST API keys are minted and verified by the domain package (the voice server checks the same keys).
 * Only the SHA-256 is stored; the key is shown once.
 */
export interface ApiKeyPrincipal {
  businessId: string;
  apiKeyId: string;
}

/** The business an API key belongs to, or undefined for a malformed, unknown or revoked key. */
export async function authenticateApiKey(db: Database, key: string): Promise<ApiKeyPrincipal | undefined> {
  return verifyApiKey(db, key);
}
