import { isDomainError } from '@receptionist/domain';

/**
 * A refusal the domain explains in words (slot taken with the free times next to it, closed that day,
 * no such booking) becomes the form's message; anything else is a bug and propagates.
 */
export async function explainDomainRefusal<T>(
  work: () => Promise<T>,
): Promise<{ ok: T } | { error: string }> {
  try {
    return { ok: await work() };
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
}
