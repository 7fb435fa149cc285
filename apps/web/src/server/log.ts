import pino from 'pino';

/**
 * The dashboard's structured logger. Personal data (emails, phone numbers, transcripts) only ever goes
 * in structured fields, and these paths are redacted so a log line never carries secrets.
 */
export const log = pino({
  name: 'web',
  level: 'info',
  redact: {
    paths: [
      'email',
      '*.email',
      'password',
      '*.password',
      'authorization',
      '*.authorization',
      'headers.cookie',
      'apiKey',
      'ticket',
      'phone',
      '*.phone',
    ],
    censor: '[redacted]',
  },
});
