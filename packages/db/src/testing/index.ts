export { pinnedClock } from './clock.ts';
export * from './factories.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
