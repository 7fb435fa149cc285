import {
  type Executor,
  forBusiness,
  NotFoundError,
  type TenantDb,
  type TenantOptions,
} from '@receptionist/db';
import { type ZodType, z } from 'zod';
import { DomainError } from '../errors.ts';

/**
 * What a call-log verb needs: the tenant's data access. Call verbs need no profile or clock (the database
 * stamps times), so callers that only log a call do not load the business profile for it.
 */
export interface CallContext {
  tenant: TenantDb;
}

/** The call-log context of one business. */
export function callContext(db: Executor, businessId: string, options?: TenantOptions): CallContext {
  return { tenant: forBusiness(db, businessId, options) };
}

export const CallId = z.string().trim().min(1).max(64);

/** Parses a verb's input first; a bad input is the caller's mistake, with a code, not a ZodError. */
export function parseCallInput<T>(schema: ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(
      'invalid_input',
      `Invalid call log input: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      {
        cause: parsed.error,
        details: { issues: parsed.error.issues.length },
      },
    );
  }
  return parsed.data;
}

/** Runs a call-log write; a call that is not this business's becomes `call_not_found`. */
export async function onCall<T>(callId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new DomainError('call_not_found', `Call ${callId} was not found.`, { cause: error });
    }
    throw error;
  }
}
