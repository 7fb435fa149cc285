/** Machine-readable reasons a data-layer call failed. */
export type DbErrorCode =
  | 'connect_failed'
  | 'busy'
  | 'migration_failed'
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'appointment_overlap';

/** The data layer's error hierarchy: a machine-readable code, the class name and the cause kept. */
export class DbError extends Error {
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DbError';
    this.code = code;
  }
}

/** A row does not exist for this tenant (it may exist for another: callers cannot tell the difference). */
export class NotFoundError extends DbError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`);
  }
}

export class ConflictError extends DbError {
  constructor(message: string, cause?: unknown) {
    super('conflict', message, { cause });
  }
}

/** Two live appointments would overlap; raised by the booking check or the database trigger. */
export class AppointmentOverlapError extends DbError {
  constructor(message = 'the slot overlaps another appointment', cause?: unknown) {
    super('appointment_overlap', message, { cause });
  }
}

/** True when a libSQL error is a UNIQUE / PRIMARY KEY violation. */
export function isUniqueViolation(error: unknown): boolean {
  return errorText(error).includes('UNIQUE constraint failed');
}

/**
 * True when a libSQL error is a FOREIGN KEY violation: a row names a parent that does not exist, or (with
 * the composite business/row keys) one that belongs to another business.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return errorText(error).includes('FOREIGN KEY constraint failed');
}

/** True when the error came from the no-overlap trigger or the one-booking-per-start index. */
export function isAppointmentOverlap(error: unknown): boolean {
  const text = errorText(error);
  return (
    text.includes('appointment_overlap') ||
    text.includes('appointments_business_start_booked_unique') ||
    text.includes('appointments.business_id, appointments.start_at')
  );
}

function errorText(error: unknown): string {
  let text = '';
  let current: unknown = error;
  // Drizzle wraps driver errors ("Failed query: …") and keeps the driver's error as `cause`.
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    text += ` ${current.message} ${(current as { code?: unknown }).code ?? ''}`;
    current = current.cause;
  }
  return text;
}
