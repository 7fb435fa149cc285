import { type Executor, forBusiness, type TenantDb } from '@receptionist/db';
import type { DomainContext } from './availability/index.ts';
import { loadProfileFor } from './profile/store.ts';

/**
 * Who is acting. A caller must prove who they are before touching a booking; staff (the dashboard) and
 * API keys act for the business, so they address rows by id and skip caller verification.
 */
export type Actor =
  | { kind: 'caller'; callerNumber?: string | undefined }
  | { kind: 'staff'; userId: string }
  | { kind: 'api'; apiKeyId: string }
  /** Sign-up and install-time work, before anyone is signed in. */
  | { kind: 'system' };

/** Verbs on one business's rows that need neither the profile nor the clock. */
export interface TenantContext {
  tenant: TenantDb;
  actor?: Actor | undefined;
}

/** Verbs on rows no business owns yet (accounts, a new business). */
export interface AccountContext {
  db: Executor;
  actor: Actor;
}

/** The actor of a context; without one it is the caller on the line (the voice path predates actors). */
export function actorOf(ctx: { actor?: Actor | undefined; callerNumber?: string | undefined }): Actor {
  return ctx.actor ?? { kind: 'caller', callerNumber: ctx.callerNumber };
}

/** A tenant context for a business the actor was already authorised for (membership or API key). */
export function tenantContext(db: Executor, businessId: string, actor: Actor): TenantContext {
  return { tenant: forBusiness(db, businessId), actor };
}

/** A full domain context (tenant, validated profile, clock) for staff or API work on a business. */
export async function loadDomainContext(
  db: Executor,
  businessId: string,
  options: { actor: Actor; nowMs: number },
): Promise<DomainContext> {
  const tenant = forBusiness(db, businessId);
  return { tenant, profile: await loadProfileFor(tenant), nowMs: options.nowMs, actor: options.actor };
}
