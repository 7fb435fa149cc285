import {
  BusinessProfile,
  loadBillingState,
  loadBusinessProfile,
  tenantContext,
  updateBusinessProfile,
} from '@receptionist/domain';
import { z } from 'zod';
import type { ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/**
 * GET/PATCH /api/v1/business: the business profile, and (GET) its `plan` (`trial`, `starter`, `pro`) with the
 * subscription's details in `billing`. PATCH replaces the top-level profile fields it names.
 */

export const getBusinessHandler: ApiHandler = async (_request, { db, businessId, apiKeyId }) => {
  const profile = await loadBusinessProfile(db, businessId);
  const billing = await loadBillingState(tenantContext(db, businessId, { kind: 'api', apiKeyId }).tenant);
  return json({ data: { id: businessId, profile, plan: billing.plan, billing: billingView(billing) } });
};

/** The subscription as the API shows it. */
function billingView(billing: Awaited<ReturnType<typeof loadBillingState>>) {
  return {
    status: billing.status,
    includedMinutes: billing.includedMinutes,
    overageBehaviour: billing.overageBehaviour,
    periodStart: new Date(billing.periodStartMs).toISOString(),
    periodEnd: billing.periodEndMs === null ? null : new Date(billing.periodEndMs).toISOString(),
    cancelAtPeriodEnd: billing.cancelAtPeriodEnd,
  };
}

const ProfilePatch = z.record(z.string(), z.unknown());

export const updateBusinessHandler: ApiHandler = async (request, { db, businessId, apiKeyId }) => {
  const patch = ProfilePatch.parse(await readJsonBody(request));
  const unknownFields = Object.keys(patch).filter((key) => !(key in BusinessProfile.shape));
  if (unknownFields.length > 0) {
    throw new z.ZodError(
      unknownFields.map((field) => ({
        code: 'custom' as const,
        path: [field],
        message: 'unknown profile field',
        input: patch[field],
      })),
    );
  }
  const saved = await updateBusinessProfile({
    ctx: tenantContext(db, businessId, { kind: 'api', apiKeyId }),
    input: patch,
  });
  return json({ data: { id: businessId, profile: saved } });
};
