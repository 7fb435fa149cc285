'use server';

import { isDomainError, tenantContext, updateBusinessProfile } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type FieldIssue, fieldIssuesOf } from '../../../../components/settings/form-issues.ts';
import { sectionBySlug } from '../../../../components/settings/sections.ts';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';

export interface SectionState {
  ok?: string;
  /** A problem with the form as a whole. */
  error?: string;
  /** Problems with single fields, by profile path, shown next to each field. */
  issues?: FieldIssue[];
}

const SectionForm = z.object({
  businessId: z.string().min(1).max(100),
  section: z.string().min(1).max(40),
  patch: z.string().max(500_000),
});

/**
 * Saves one settings page: its fields (and only those; the rest of the profile keeps its stored value)
 * through `updateBusinessProfile`, the verb `PATCH /api/v1/business` uses. That verb validates with the
 * same profile schema and bumps the business row the voice servers' directory fingerprint watches, so
 * the next call is answered with the change.
 */
export async function saveSettingsSectionAction(
  _previous: SectionState,
  formData: FormData,
): Promise<SectionState> {
  await assertSameOriginAction();
  const form = SectionForm.parse({
    businessId: formData.get('businessId'),
    section: formData.get('section'),
    patch: formData.get('patch'),
  });
  const section = sectionBySlug(form.section);
  if (section === undefined) return { error: 'Unknown settings page; reload and try again' };
  const { user } = await requireOwner(form.businessId);
  let submitted: unknown;
  try {
    submitted = JSON.parse(form.patch);
  } catch {
    return { error: 'The form could not be read; reload and try again' };
  }
  if (typeof submitted !== 'object' || submitted === null) return { error: 'The form could not be read' };
  const patch = Object.fromEntries(
    section.keys.map((key) => [key, (submitted as Record<string, unknown>)[key]]),
  );
  const ctx = tenantContext(await getDb(), form.businessId, { kind: 'staff', userId: user.id });
  try {
    await updateBusinessProfile({ ctx, input: patch });
  } catch (error) {
    const issues = fieldIssuesOf(error);
    if (issues !== undefined) return { error: 'Please correct the highlighted fields', issues };
    // A number the destination policy refuses and other refusals: their messages are written to be shown.
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
  log.info({ userId: user.id, businessId: form.businessId, section: section.slug }, 'settings saved');
  revalidatePath(`/b/${form.businessId}`, 'layout');
  return { ok: 'Saved' };
}
