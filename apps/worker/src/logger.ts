import pino, { type Logger } from 'pino';

/** Structured logs; job payloads stay out of them (they may name callers), ids go in. */
export function createWorkerLogger(options: { level: string }): Logger {
  return pino({ name: 'worker', level: options.level });
}
