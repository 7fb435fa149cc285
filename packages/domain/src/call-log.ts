/**
 * The call-log verbs alone, for the voice server's call-log worker thread (`@receptionist/domain/call-log`):
 * a worker's memory is the modules it loads, and the whole domain (dates, phone numbers, calendars) is not
 * needed to write a call's log.
 */
export * from './calls/append-turn.ts';
export * from './calls/context.ts';
export * from './calls/end-call.ts';
export * from './calls/mark-call-answered.ts';
export * from './calls/outcome.ts';
export * from './calls/record-tool-call.ts';
export * from './calls/start-call.ts';
export * from './calls/switch-call-engine.ts';
export { closeDatabase, type Database, type Executor, openDatabase } from './database.ts';
export { DomainError } from './errors.ts';
