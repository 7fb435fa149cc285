export { pinnedClock } from './clock.ts';
export { type TestDatabaseKind, testDatabaseKind } from './env.ts';
export * from './factories.ts';
export { type HranaServer, type HranaServerOptions, startHranaServer } from './hrana/server.ts';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database.ts';
