import { createAppLogger } from '@receptionist/domain/logging';

/**
 * The dashboard's structured logger, with the shared redaction policy: secrets and personal data (emails,
 * phone numbers, transcripts) are always censored, and database errors never carry their SQL parameters.
 */
export const log = createAppLogger({ name: 'web', level: 'info' });
