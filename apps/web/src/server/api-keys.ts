import { createHash, randomBytes } from 'node:crypto';
import {
  type ApiKeySummary,
  type Database,
  findApiKeyByHash,
  forBusiness,
  touchApiKey,
} from '@receptionist/db';

/**
 * REST API keys: `rk_` + 32 random bytes (base64url). Only the SHA-256 is stored; the key is shown once.
 * High-entropy random keys make a fast hash safe (no password-style stretching needed).
 */
const KEY_PREFIX = 'rk_';
const KEY_PATTERN = /^rk_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createApiKey(
  db: Database,
  businessId: string,
  name: string,
): Promise<{ key: string; summary: ApiKeySummary }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const summary = await forBusiness(db, businessId).apiKeys.create({
    name,
    hashedKey: hashApiKey(key),
    prefix: key.slice(0, 10),
  });
  return { key, summary };
}

export interface ApiKeyPrincipal {
  businessId: string;
  apiKeyId: string;
}

/** The business an API key belongs to, or undefined for a malformed, unknown or revoked key. */
export async function authenticateApiKey(db: Database, key: string): Promise<ApiKeyPrincipal | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined;
  const row = await findApiKeyByHash(db, hashApiKey(key));
  if (row === undefined || row.revokedAt !== null) return undefined;
  await touchApiKey(db, row.id);
  return { businessId: row.businessId, apiKeyId: row.id };
}
