export * from './account-tokens.ts';
export * from './calendar-lookups.ts';
export {
  closeDatabase,
  type Database,
  DEFAULT_BUSY_TIMEOUT_MS,
  type Executor,
  type OpenDatabaseOptions,
  openDatabase,
  type Schema,
} from './client.ts';
export * from './errors.ts';
export { newId, nowMs } from './ids.ts';
export * from './job-leases.ts';
export * from './jobs.ts';
export * from './lookups.ts';
export { applyMigrations, defaultMigrationsFolder } from './migrate.ts';
export * from './notification-lookups.ts';
export * from './outbound-lookups.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export * from './sweeps.ts';
export * from './tenant/index.ts';
export * from './users.ts';
