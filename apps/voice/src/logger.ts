import pino, { type Logger } from 'pino';

/**
 * Structured logs. Personal data (numbers, names, transcripts, tool arguments) only ever goes in these
 * fields, so an operator can redact them all in one place; secrets are always redacted.
 */
export const PERSONAL_DATA_FIELDS = [
  'from',
  'to',
  'callerNumber',
  'text',
  'arguments',
  'result',
  'transcript',
];

export function createLogger(options: { level: string; redactPersonalData?: boolean }): Logger {
  return pino({
    name: 'voice',
    level: options.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-twilio-signature"]',
        'token',
        'ticket',
        ...(options.redactPersonalData ? PERSONAL_DATA_FIELDS.flatMap((field) => [field, `*.${field}`]) : []),
      ],
      censor: '[redacted]',
    },
  });
}
