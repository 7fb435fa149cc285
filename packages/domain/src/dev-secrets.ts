/**
 * Per-install secrets for running outside production without configuring any: generated once into
 * `data/dev-secrets.json` (git-ignored, mode 0600) and shared by `npm start`, the voice server and the
 * dashboard, so nothing ever falls back to a well-known default that anyone could sign tickets with.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const DevSecrets = z.object({
  SESSION_SECRET: z.string().min(32),
  TWILIO_AUTH_TOKEN: z.string().min(16),
  /** Seals businesses' Twilio credentials; added to older files without changing their other secrets. */
  CREDENTIALS_KEY: z.string().min(40).optional(),
});
export type DevSecrets = Required<z.infer<typeof DevSecrets>>;

export const DEV_SECRETS_FILE = 'dev-secrets.json';

export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const path = join(dataDir, DEV_SECRETS_FILE);
  if (existsSync(path)) {
    try {
      const parsed = DevSecrets.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) {
        const { CREDENTIALS_KEY } = parsed.data;
        if (CREDENTIALS_KEY !== undefined) return { ...parsed.data, CREDENTIALS_KEY };
        const completed = { ...parsed.data, CREDENTIALS_KEY: randomBytes(32).toString('base64') };
        writeFileSync(path, `${JSON.stringify(completed, null, 2)}\n`, { mode: 0o600 });
        return completed;
      }
    } catch {
      // A corrupt file is replaced below.
    }
  }
  const secrets: DevSecrets = {
    SESSION_SECRET: randomBytes(32).toString('hex'),
    TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
  };
  mkdirSync(dataDir, { recursive: true });
  // Written exclusively-new when absent, so two processes starting together cannot each write their own.
  try {
    writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, {
      mode: 0o600,
      flag: existsSync(path) ? 'w' : 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateDevSecrets(dataDir);
    throw error;
  }
  chmodSync(path, 0o600);
  return secrets;
}
