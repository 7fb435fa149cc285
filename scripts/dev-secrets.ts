/**
 * Per-install development secrets for `npm start`. Without them the voice server refuses every Twilio
 * webhook (no auth token) and browser tickets would use a well-known default. They are generated once into
 * `data/dev-secrets.json` (git-ignored, mode 0600) and used only when the environment gives none.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const DevSecrets = z.object({
  SESSION_SECRET: z.string().min(32),
  TWILIO_AUTH_TOKEN: z.string().min(16),
  /** Seals businesses' Twilio credentials; added to older files without changing their other secrets. */
  CREDENTIALS_KEY: z.string().min(40).optional(),
});
export type DevSecrets = Required<z.infer<typeof DevSecrets>>;

function write(path: string, secrets: DevSecrets): void {
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const path = join(dataDir, 'dev-secrets.json');
  if (existsSync(path)) {
    const parsed = DevSecrets.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) {
      if (parsed.data.CREDENTIALS_KEY !== undefined)
        return { ...parsed.data, CREDENTIALS_KEY: parsed.data.CREDENTIALS_KEY };
      const completed = { ...parsed.data, CREDENTIALS_KEY: randomBytes(32).toString('base64') };
      write(path, completed);
      return completed;
    }
  }
  const secrets: DevSecrets = {
    SESSION_SECRET: randomBytes(32).toString('hex'),
    TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
  };
  write(path, secrets);
  return secrets;
}
