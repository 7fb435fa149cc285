'use server';

import { randomBytes } from 'node:crypto';
import { createUser, findUserByEmail, forBusiness } from '@receptionist/db';
import { E164, loadBusinessProfile, saveBusinessProfile } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { hashPassword } from '../../../../server/auth/password.ts';
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
  const db = await getDb();
  try {
    const stored = await loadBusinessProfile(db, businessId);
    await saveBusinessProfile(db, businessId, { ...stored, ...edited } as never);
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
  await requireOwner(businessId);
  const number = E164.safeParse(String(formData.get('phoneNumber') ?? '').replace(/[\s()-]/g, ''));
  if (!number.success) return { error: 'Enter the number in E.164 form, e.g. +12025550123' };
  try {
    await forBusiness(await getDb(), businessId).phoneNumbers.add(number.data, 'Twilio');
  } catch (error) {
    log.warn({ err: error, businessId }, 'phone number refused');
    return { error: 'That number is already connected to a business' };
  }
  revalidatePath(`/b/${businessId}`, 'layout');
  return { ok: `Connected ${number.data}` };
}

export async function removePhoneNumberAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  await requireOwner(businessId);
  const phoneNumberId = z.string().min(1).parse(formData.get('phoneNumberId'));
  await forBusiness(await getDb(), businessId).phoneNumbers.remove(phoneNumberId);
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
  const db = await getDb();
  let staff = await findUserByEmail(db, email.data);
  let temporaryPassword: string | undefined;
  if (staff === undefined) {
    temporaryPassword = randomBytes(9).toString('base64url');
    staff = await createUser(db, { email: email.data, passwordHash: await hashPassword(temporaryPassword) });
  }
  const tenant = forBusiness(db, businessId);
  if ((await tenant.members.roleOf(staff.id)) === undefined) await tenant.members.set(staff.id, 'staff');
  log.info({ userId: user.id, businessId, staffUserId: staff.id }, 'staff member added');
  revalidatePath(`/b/${businessId}`, 'layout');
  return {
    ok: temporaryPassword
      ? `Added ${email.data}. Their one-time password: ${temporaryPassword}`
      : `Added ${email.data} (existing account)`,
  };
}
