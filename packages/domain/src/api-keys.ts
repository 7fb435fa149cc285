import { createHash, randomBytes } from 'node:crypto';
import {
  type ApiKeySummary,
  type Executor,
  findApiKeyByHash,
  forBusiness,
  touchApiKey,
} from '@receptionist/db';

/** Visible marker so leaked keys are recognisable (and greppable by secret scanners). */
export const API_KEY_PREFIX = 'rk_live_';
const PREFIX_SHOWN_CHARS = API_KEY_PREFIX.length + 6;

/** SHA-256 hex: keys carry 256 random bits, so a fast hash cannot be brute-forced. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a key for a business. The returned `key` is shown once and never stored. */
export async function createApiKey(
  db: Executor,
  businessId: string,
  name: string,
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const apiKey = await forBusiness(db, businessId).apiKeys.create({
    name,
    hashedKey: hashApiKey(key),
    prefix: key.slice(0, PREFIX_SHOWN_CHARS),
  });
  return { key, apiKey };
}

/** The business a presented key belongs to, or undefined for unknown or revoked keys. Records the use. */
export async function verifyApiKey(
  db: Executor,
  presentedKey: string,
): Promise<{ businessId: string; apiKeyId: string } | undefined> {
  if (!presentedKey.startsWith(API_KEY_PREFIX) || presentedKey.length > 200) return undefined;
  const row = await findApiKeyByHash(db, hashApiKey(presentedKey));
  if (row === undefined || row.revokedAt !== null) return undefined;
  await touchApiKey(db, row.id);
  return { businessId: row.businessId, apiKeyId: row.id };
}
