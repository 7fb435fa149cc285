import { z } from 'zod';

/**
 * Test settings; the only file of the db testing kit that reads `process.env`.
 * TEST_DATABASE=hrana runs every test that uses `createTestDatabase` against a remote libSQL database
 * (a loopback Hrana-over-HTTP server over the temp file) instead of opening the file directly.
 */
const TestEnv = z.object({
  TEST_DATABASE: z.enum(['file', 'hrana']).default('file'),
});

export type TestDatabaseKind = z.infer<typeof TestEnv>['TEST_DATABASE'];

export function testDatabaseKind(env: NodeJS.ProcessEnv = process.env): TestDatabaseKind {
  const parsed = TestEnv.safeParse({ TEST_DATABASE: env.TEST_DATABASE || undefined });
  if (!parsed.success) {
    throw new Error(`TEST_DATABASE must be "file" or "hrana", got "${env.TEST_DATABASE}"`);
  }
  return parsed.data.TEST_DATABASE;
}
