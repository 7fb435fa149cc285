import {
  type BusinessRow,
  createBusiness,
  type Executor,
  forBusiness,
  type TenantDb,
} from '@receptionist/db';
import { DomainError, InvalidProfileError } from '../errors.ts';
import { BusinessProfile, type BusinessProfileInput } from './schema.ts';
import { assertNewProfileDestinations } from '../phone-numbers/destination-policy.ts';

/** Validates profile JSON; a stored profile that no longer validates is a configuration error. */
export function parseBusinessProfile(json: unknown): BusinessProfile {
  const parsed = BusinessProfile.safeParse(json);
  if (!parsed.success) {
    throw new InvalidProfileError(
      `invalid business profile: ${parsed.error.issues.map(describeIssue).join('; ')}`,
      parsed.error,
    );
  }
  return parsed.data;
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length === 0 ? issue.message : `${issue.path.map(String).join('.')}: ${issue.message}`;
}

/** The business's validated profile. */
export async function loadBusinessProfile(ex: Executor, businessId: string): Promise<BusinessProfile> {
  return loadProfileFor(forBusiness(ex, businessId));
}

export async function loadProfileFor(tenant: TenantDb): Promise<BusinessProfile> {
  const row = await tenant.business.get();
  if (row === undefined) {
    throw new DomainError('business_not_found', 'That business does not exist.', {
      details: { businessId: tenant.businessId },
    });
  }
  return parseBusinessProfile(row.profile);
}

/**
 * Validates and stores a profile, keeping the key columns and the services table in step with it
 * in one write transaction.
 */
export async function saveBusinessProfile(
  ex: Executor,
  businessId: string,
  input: BusinessProfileInput,
): Promise<BusinessProfile> {
  const profile = parseBusinessProfile(input);
  await forBusiness(ex, businessId).transaction(async (tenant) => {
    assertNewProfileDestinations(profile, await loadProfileFor(tenant).catch(() => undefined));
    await tenant.business.update({ name: profile.name, timeZone: profile.timeZone, profile });
    await tenant.services.sync(profile.services);
  });
  return profile;
}

/** Creates a business (the tenant) from a profile. */
export async function createBusinessWithProfile(
  ex: Executor,
  input: BusinessProfileInput,
  options: { id?: string } = {},
): Promise<{ business: BusinessRow; profile: BusinessProfile }> {
  const profile = parseBusinessProfile(input);
  assertNewProfileDestinations(profile, undefined);
  const business = await ex.transaction(async (tx) => {
    const row = await createBusiness(tx, {
      id: options.id,
      name: profile.name,
      timeZone: profile.timeZone,
      profile,
    });
    await forBusiness(tx, row.id).services.sync(profile.services);
    return row;
  });
  return { business, profile };
}
