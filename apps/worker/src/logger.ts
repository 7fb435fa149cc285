import { createAppLogger } from '@receptionist/domain/logging';
import type { Logger } from 'pino';

/** Structured logs with the shared redaction policy; job payloads stay out of them (they may name callers). */
export function createWorkerLogger(options: { level: string; redactPersonalData?: boolean }): Logger {
  return createAppLogger({
    name: 'worker',
    level: options.level,
    redactPersonalData: options.redactPersonalData,
  });
}
