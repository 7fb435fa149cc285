import { type Executor, findApiKeyByHash, touchApiKey } from '@receptionist/db';
import { API_KEY_PREFIX, hashApiKey } from './hash.ts';

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
