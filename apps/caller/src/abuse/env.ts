/**
 * The abuse suite's settings (the only file of the suite that reads process.env). `ABUSE_REUSE_BUILD=1`
 * reuses an existing dashboard build even when sources look newer (local iteration only).
 */
import { z } from 'zod';

const AbuseEnv = z.object({
  ABUSE_REUSE_BUILD: z.enum(['0', '1']).default('0'),
  NEXT_DIST_DIR: z.string().min(1).default('.next'),
  /** The Chromium the e2e uses too. */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});

export function loadAbuseEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = AbuseEnv.parse(source);
  return {
    reuseBuild: parsed.ABUSE_REUSE_BUILD === '1',
    nextDistDir: parsed.NEXT_DIST_DIR,
    chromiumPath: parsed.CHROMIUM_PATH,
  };
}

/** This process's environment plus overrides (an `undefined` override removes the variable). */
export function serverEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete env[key];
  return env;
}
