export * from './factories.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { pinnedClock } from './clock.ts';
