import { z } from 'zod';

/**
 * Build and test-runner settings read by next.config.ts and playwright.config.ts (the only file of the
 * two that touches process.env, as the house rule asks). Invalid values fail the build, naming the variable.
 */
const BuildEnv = z.object({
  /** Separate build dirs let the e2e build run next to a developer's `next dev` without clobbering it. */
  NEXT_DIST_DIR: z.string().min(1).default('.next'),
  CI: z.string().optional(),
});

const parsed = BuildEnv.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`invalid build environment: ${problems.join('; ')}`);
}

/**
 * The browser's environment: this process's without libfaketime's preload. `npm run test:dates` moves
 * every clock with it, and Chromium's zygote dies under it ("Caught Trace/breakpoint trap"), so the browser
 * keeps the real clock; the dates that matter are decided by the servers, which stay moved.
 */
function browserEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'LD_PRELOAD' && !key.startsWith('FAKETIME')) environment[key] = value;
  }
  return environment;
}

export const buildEnv = {
  nextDistDir: parsed.data.NEXT_DIST_DIR,
  browserEnvironment: browserEnvironment(),
  /** CI forbids focused tests (`test.only`). */
  isCi: parsed.data.CI !== undefined && parsed.data.CI !== '' && parsed.data.CI !== 'false',
};
