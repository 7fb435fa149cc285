import { createAppLogger, PERSONAL_DATA_FIELDS } from '@receptionist/domain/logging';
import type { Logger } from 'pino';

/**
 * Structured logs with the shared redaction policy (`@receptionist/domain/logging`): secrets always censored,
 * personal data (numbers, names, transcripts, tool arguments) censored unless LOG_PERSONAL_DATA=1.
 */
export { PERSONAL_DATA_FIELDS };

export function createLogger(options: { level: string; redactPersonalData?: boolean }): Logger {
  return createAppLogger({
    name: 'voice',
    level: options.level,
    redactPersonalData: options.redactPersonalData,
  });
}
