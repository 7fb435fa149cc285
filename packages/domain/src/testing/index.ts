import { type BusinessRow, type Executor, forBusiness, type TenantDb } from '@receptionist/db';
import type { DomainContext } from '../availability/index.ts';
import type { BusinessProfile, BusinessProfileInput } from '../profile/schema.ts';
import { createBusinessWithProfile } from '../profile/store.ts';
import { DEMO_PROFILE } from '../seed.ts';

/**
 * A full, valid profile for tests: the demo dental practice without its holiday closures, a 15-minute
 * grid and no lead time unless overridden, so tests state the rules they depend on.
 */
export function createTestProfile(overrides: Partial<BusinessProfileInput> = {}): BusinessProfileInput {
  return {
    ...DEMO_PROFILE,
    closures: [],
    bookingRules: { leadTimeMinutes: 0, horizonDays: 60, slotGranularityMinutes: 15 },
    ...overrides,
  };
}

/** A business created from a test profile, with its tenant DAL. */
export async function createTestReceptionistBusiness(
  db: Executor,
  overrides: Partial<BusinessProfileInput> = {},
): Promise<{ business: BusinessRow; profile: BusinessProfile; tenant: TenantDb }> {
  const { business, profile } = await createBusinessWithProfile(db, createTestProfile(overrides));
  return { business, profile, tenant: forBusiness(db, business.id) };
}

/** A domain context on a fixed clock. */
export function createTestDomainContext(
  tenant: TenantDb,
  profile: BusinessProfile,
  options: { nowMs: number; callId?: string; callerNumber?: string },
): DomainContext {
  return {
    tenant,
    profile,
    nowMs: options.nowMs,
    callId: options.callId,
    callerNumber: options.callerNumber,
  };
}

/**
 * Raw tenant access for arranging fixtures the verbs do not make (a call with turns and tool calls).
 * Tests only: production code writes through the verbs.
 */
/** A second client on a test database's file, for tests that race two connections. */
export { closeDatabase, forBusiness as tenantFixture, openDatabase } from '@receptionist/db';
/** The data layer's fixtures, re-exported so app tests arrange data without importing db code. */
export * from '@receptionist/db/testing';
