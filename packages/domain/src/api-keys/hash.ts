import { createHash } from 'node:crypto';

/** Visible marker so leaked keys are recognisable (and greppable by secret scanners). */
export const API_KEY_PREFIX = 'rk_live_';

/** SHA-256 hex: keys carry 256 random bits, so a fast hash cannot be brute-forced. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
