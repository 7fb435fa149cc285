import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const DevSecretsFile = z.object({ TWILIO_AUTH_TOKEN: z.string().min(1) });

/**
 * The auth token `npm start` generated into data/dev-secrets.json when the environment gave none. Read from
 * the file so that `npm start` never has to print it for you to copy.
 */
export function readDevAuthToken(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = DevSecretsFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.TWILIO_AUTH_TOKEN : undefined;
  } catch {
    return undefined;
  }
}
