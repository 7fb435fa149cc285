'use server';

import {
  addStaffMember,
  connectPhoneNumber,
  disconnectPhoneNumber,
  isDomainError,
  tenantContext,
  updateBusinessProfile,
} from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';
import { describeProfileError } from '../../../../server/profile-errors.ts';

export interface ActionState {
  ok?: string;
  error?: string;
}

const BusinessIdField = z.string().min(1).max(100);

/** Saves the edited profile on top of the stored one (fields the form does not show are kept). */
export async function saveProfileAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  let edited: Record<string, unknown>;
  try {
    edited = JSON.parse(String(formData.get('profile') ?? '')) as Record<string, unknown>;
  } catch {
    return { error: 'The form could not be read; reload and try again' };
  }
  const ctx = tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id });
  try {
    await updateBusinessProfile({ ctx, input: edited });
  } catch (error) {
    const message = describeProfileError(error);
    if (message !== undefined) return { error: message };
    throw error;
  }
  log.info({ userId: user.id, businessId }, 'business profile saved');
  revalidatePath(`/b/${businessId}`, 'layout');
  return { ok: 'Saved' };
}

export async function addPhoneNumberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  let connected: string;
  try {
    const row = await connectPhoneNumber({
      ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }),
      input: { phoneNumber: String(formData.get('phoneNumber') ?? ''), label: 'Twilio' },
    });
    connected = row.e164;
  } catch (error) {
    if (isDomainError(error) && error.code === 'invalid_phone') return { error: error.message };
    log.warn({ err: error, businessId }, 'phone number refused');
    return { error: 'That number is already connected to a business' };
  }
  revalidatePath(`/b/${businessId}`, 'layout');
  return { ok: `Connected ${connected}` };
}

export async function removePhoneNumberAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  const phoneNumberId = z.string().min(1).parse(formData.get('phoneNumberId'));
  await disconnectPhoneNumber({
    ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }),
    input: { phoneNumberId },
  });
  revalidatePath(`/b/${businessId}`, 'layout');
}

/**
 * Adds a staff member. An existing account is added as is; a new email gets an account with a one-time
 * password shown to the owner once (no email sending configured in a self-hosted install by default).
 */
export async function inviteStaffAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  const email = z.email().safeParse(String(formData.get('email') ?? '').trim());
  if (!email.success) return { error: 'Enter a valid email address' };
  const { user: staff, temporaryPassword } = await addStaffMember({
    ctx: { db: await getDb(), businessId, actor: { kind: 'staff', userId: user.id } },
    input: { email: email.data },
  });
  log.info({ userId: user.id, businessId, staffUserId: staff.id }, 'staff member added');
  revalidatePath(`/b/${businessId}`, 'layout');
  return {
    ok: temporaryPassword
      ? `Added ${email.data}. Their one-time password: ${temporaryPassword}`
      : `Added ${email.data} (existing account)`,
  };
}
