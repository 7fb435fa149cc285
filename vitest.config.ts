import { defineConfig } from 'vitest/config';

const ALL_TESTS = [
  'packages/*/src/**/*.test.ts',
  'apps/*/src/**/*.test.ts',
  'scripts/**/*.test.ts',
  'bench/**/*.test.ts',
];

/**
 * Database tests that `npm test` also runs against a remote libSQL database (a loopback Hrana server,
 * TEST_DATABASE=hrana): migrations racing, the write lock, stream-token claims, job leases, tenant
 * isolation, the queue and the outbox. `npm run test:remote-db` runs every database test that way.
 */
const REMOTE_DB_SUBSET = [
  'packages/db/src/client.test.ts',
  'packages/db/src/job-leases.test.ts',
  'packages/db/src/tenant/isolation.test.ts',
  'packages/domain/src/jobs/queue.test.ts',
  'packages/domain/src/events/outbox.test.ts',
];

// One runner for every workspace: tests sit beside the code as *.test.ts.
// Browser tests (*.e2e.ts) run separately under Playwright (scripts/run-e2e.ts).
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/.next/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ALL_TESTS } },
      {
        extends: true,
        test: { name: 'remote-db', include: REMOTE_DB_SUBSET, env: { TEST_DATABASE: 'hrana' } },
      },
    ],
  },
});
