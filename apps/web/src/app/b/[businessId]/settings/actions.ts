'use server';

import {
  connectPhoneNumber,
  connectTwilioAccount,
  disconnectPhoneNumber,
  inviteStaff,
  isDomainError,
  tenantContext,
} from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import {
  accountEmailsEnabled,
  dashboardLink,
  sendAccountEmail,
} from '../../../../server/email/account-emails.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';
import { dashboardNumberOwnership } from '../../../../server/number-ownership.ts';
import { webNumberProvisioning } from '../../../../server/number-provisioning.ts';

export interface ActionState {
  ok?: string;
  error?: string;
}

const BusinessIdField = z.string().min(1).max(100);

export async function addPhoneNumberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  let connected: string;
  try {
    const row = await connectPhoneNumber({
      ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }),
      input: { phoneNumber: String(formData.get('phoneNumber') ?? ''), label: 'Twilio' },
      ownership: dashboardNumberOwnership(),
    });
    connected = row.e164;
  } catch (error) {
    log.warn({ err: error, businessId }, 'phone number refused');
    // Every DomainError message is written to be shown; anything else is ours, not the owner's, to fix.
    if (isDomainError(error)) return { error: error.message };
    return { error: 'The number could not be connected; try again' };
  }
  revalidatePath(`/b/${businessId}`, 'layout');
  return { ok: `Connected ${connected}` };
}

/** Saves the business's own Twilio account credentials (sealed), used to prove which numbers it owns. */
export async function saveTwilioCredentialsAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  const apiKeySid = String(formData.get('apiKeySid') ?? '').trim();
  try {
    // Tried on Twilio before they are kept (the same verb as the numbers page).
    await connectTwilioAccount({
      ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }),
      input: {
        accountSid: String(formData.get('accountSid') ?? ''),
        apiKeySid: apiKeySid === '' ? undefined : apiKeySid,
        secret: String(formData.get('secret') ?? ''),
      },
      provisioning: webNumberProvisioning(),
    });
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    if (error instanceof z.ZodError) return { error: error.issues[0]?.message ?? 'Check the fields' };
    throw error;
  }
  log.info({ userId: user.id, businessId }, 'twilio credentials saved');
  return { ok: 'Twilio credentials saved' };
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
 * Invites a staff member by email: nothing is granted until the invited address accepts the single-use link
 * (an existing account is never attached as it is). With SMTP the link is emailed; in local single-owner mode
 * it is shown to the owner once, to hand over in person.
 */
export async function inviteStaffAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  const email = z.email().safeParse(String(formData.get('email') ?? '').trim());
  if (!email.success) return { error: 'Enter a valid email address' };
  const invitation = await inviteStaff({
    ctx: { db: await getDb(), businessId, actor: { kind: 'staff', userId: user.id }, nowMs: systemClock() },
    input: { email: email.data },
  });
  const link = await dashboardLink('/invite', invitation.token);
  log.info({ userId: user.id, businessId }, 'staff invited');
  if (!accountEmailsEnabled()) {
    return { ok: `Invitation for ${invitation.email} (valid 7 days; give it to them yourself): ${link}` };
  }
  try {
    await sendAccountEmail({
      to: invitation.email,
      subject: 'You are invited to join a business on AI Receptionist',
      text: `You have been invited to join as staff. Sign in (or create an account) with this address, then open:

${link}

The link works once, for 7 days.`,
    });
  } catch (error) {
    log.warn({ err: error, businessId }, 'could not send the invitation email');
    return { error: 'The invitation could not be emailed; check SMTP_URL and try again' };
  }
  return { ok: `Invitation emailed to ${invitation.email}` };
}
