export { type AppLoggerOptions, createAppLogger } from './logger.ts';
export {
  PERSONAL_DATA_FIELDS,
  REDACTED,
  redactPaths,
  SECRET_FIELDS,
  scrubSerializedError,
  scrubSqlParams,
} from './redaction.ts';
