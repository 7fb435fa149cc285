import {
  BusinessProfile,
  loadBusinessProfile,
  tenantContext,
  updateBusinessProfile,
} from '@receptionist/domain';
import { z } from 'zod';
import type { ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/** GET/PATCH /api/v1/business: the business profile. PATCH replaces the top-level fields it names. */

export const getBusinessHandler: ApiHandler = async (_request, { db, businessId }) => {
  const profile = await loadBusinessProfile(db, businessId);
  return json({ data: { id: businessId, profile } });
};

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
