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

export const buildEnv = {
  nextDistDir: parsed.data.NEXT_DIST_DIR,
  /** CI forbids focused tests (`test.only`). */
  isCi: parsed.data.CI !== undefined && parsed.data.CI !== '' && parsed.data.CI !== 'false',
};
