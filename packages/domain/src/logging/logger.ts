import pino, { type Logger } from 'pino';
import { REDACTED, redactPaths, scrubSerializedError } from './redaction.ts';

export interface AppLoggerOptions {
  /** The process: `voice`, `worker`, `web`, a script's name. */
  name: string;
  level: string;
  /** Personal data is redacted unless this is explicitly false (LOG_PERSONAL_DATA=1 while debugging). */
  redactPersonalData?: boolean;
  /** Where lines go; stdout by default (tests pass a stream to read them back). */
  destination?: pino.DestinationStream;
}

/** Every process's logger: one redaction policy, and database errors without their SQL parameters. */
export function createAppLogger(options: AppLoggerOptions): Logger {
  const config: pino.LoggerOptions = {
    name: options.name,
    level: options.level,
    redact: { paths: redactPaths({ personalData: options.redactPersonalData !== false }), censor: REDACTED },
    serializers: {
      err: (error: unknown) => scrubSerializedError(pino.stdSerializers.err(error as Error)),
      error: (error: unknown) =>
        error instanceof Error ? scrubSerializedError(pino.stdSerializers.err(error)) : error,
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
