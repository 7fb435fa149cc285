/**
 * The one redaction policy of every process (voice, worker, web, scripts). Secrets are always censored;
 * personal data (numbers, names, emails, what callers said, tool arguments and results) is censored unless an
 * operator explicitly turns it off for debugging. Personal data only ever goes into these structured fields.
 */
export const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'passwordHash',
  'token',
  'ticket',
  'apiKey',
  'secret',
  'authToken',
] as const;

export const PERSONAL_DATA_FIELDS = [
  'from',
  'to',
  'callerNumber',
  'phone',
  'email',
  'customerName',
  'text',
  'arguments',
  'result',
  'transcript',
  'params',
] as const;

export const REDACTED = '[redacted]';

/** pino `redact` paths: each field at the top level and one level down, plus request headers. */
export function redactPaths(options: { personalData: boolean }): string[] {
  const fields: string[] = [...SECRET_FIELDS, ...(options.personalData ? PERSONAL_DATA_FIELDS : [])];
  return [
    ...fields.flatMap((field) => [field, `*.${field}`]),
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-twilio-signature"]',
    'headers.cookie',
    'headers.authorization',
  ];
}

/** Drizzle's "Failed query: …\nparams: a,b" — the parameters are what callers said and who they are. */
const SQL_PARAMS_LINE = /^(\s*params:)(.*)$/gm;

export function scrubSqlParams(text: string): string {
  return text.replace(SQL_PARAMS_LINE, `$1 ${REDACTED}`);
}

/**
 * Post-processes a serialized error (pino's `err` serializer output) so that no database error ever logs its
 * SQL parameters: the `params` property is dropped and "params:" lines are censored, down the `cause` chain.
 */
export function scrubSerializedError<T>(serialized: T, depth = 0): T {
  if (typeof serialized !== 'object' || serialized === null || depth > 8) return serialized;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized as Record<string, unknown>)) {
    // SQL parameters (Drizzle), arguments, and the raw body body-parser keeps on its errors.
    if (key === 'params' || key === 'args' || key === 'body') {
      out[key] = REDACTED;
    } else if (typeof value === 'string') {
      out[key] = scrubSqlParams(value);
    } else if (key === 'cause' || key === 'aggregateErrors' || Array.isArray(value)) {
      out[key] = Array.isArray(value)
        ? value.map((item) => scrubSerializedError(item, depth + 1))
        : scrubSerializedError(value, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return out as T;
}
