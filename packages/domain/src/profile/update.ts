import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { assertNewProfileDestinations } from '../phone-numbers/destination-policy.ts';
import { BusinessProfile } from './schema.ts';
import { loadProfileFor } from './store.ts';

/** Top-level profile fields to replace; fields not named keep their stored value. */
export const UpdateBusinessProfileInput = z.record(z.string(), z.unknown());
export type UpdateBusinessProfileInput = z.input<typeof UpdateBusinessProfileInput>;

/**
 * Saves an edited profile on top of the stored one (the dashboard form and `PATCH /api/v1/business`).
 * Read, merge, validate and write happen in one write transaction, so two saves never interleave; the
 * key columns and the services table stay in step with the profile.
 */
export async function updateBusinessProfile({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: UpdateBusinessProfileInput;
}): Promise<BusinessProfile> {
  const patch = UpdateBusinessProfileInput.parse(input);
  return ctx.tenant.transaction(async (tenant) => {
    const stored = await loadProfileFor(tenant);
    const profile = BusinessProfile.parse({ ...stored, ...patch });
    assertNewProfileDestinations(profile, stored);
    await tenant.business.update({ name: profile.name, timeZone: profile.timeZone, profile });
    await tenant.services.sync(profile.services);
    return profile;
  });
}
