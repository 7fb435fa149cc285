import { isDomainError } from '@receptionist/domain';
import { ZodError } from 'zod';

/** A profile the receptionist schema refused → one readable line for the form. */
export function describeProfileError(error: unknown): string | undefined {
  const zodError =
    error instanceof ZodError
      ? error
      : error instanceof Error && error.cause instanceof ZodError
        ? error.cause
        : undefined;
  if (zodError !== undefined) {
    const issue = zodError.issues[0];
    if (issue === undefined) return 'The profile is not valid';
    const where = issue.path.map(String).join(' › ');
    return where ? `${where}: ${issue.message}` : issue.message;
  }
  if (isDomainError(error) && error.code === 'invalid_profile') return error.message;
  // A transfer or fallback number the destination policy refuses (premium rate, another country).
  if (isDomainError(error) && error.code === 'destination_refused') return error.message;
  return undefined;
}
