'use server';

import {
  type AvailableNumberOffer,
  attachPhoneNumber,
  buyPhoneNumber,
  connectTwilioAccount,
  disconnectTwilioAccount,
  isDomainError,
  releasePhoneNumber,
  searchAvailableNumbers,
  tenantContext,
} from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';
import { webNumberProvisioning } from '../../../../server/number-provisioning.ts';

export interface NumbersActionState {
  ok?: string;
  error?: string;
  /** The number a buy got, so the search results stop offering it. */
  bought?: string;
  /** The non-secret fields as typed, refilled after a refusal (React resets the form after an action). */
  typed?: Record<string, string>;
}

export interface SearchState {
  error?: string;
  offers?: AvailableNumberOffer[];
}

const BusinessIdField = z.string().min(1).max(100);
const text = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();
const optional = (value: string) => (value === '' ? undefined : value);

/** The owner of the business, and a staff context on it. */
async function ownerContext(formData: FormData) {
  await assertSameOriginAction();
  const businessId = BusinessIdField.parse(formData.get('businessId'));
  const { user } = await requireOwner(businessId);
  return {
    businessId,
    userId: user.id,
    ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }),
  };
}

/** Every DomainError message is written to be shown; a bad field says which; anything else is ours. */
function refusal(error: unknown, businessId: string, what: string): { error: string } {
  if (isDomainError(error)) return { error: error.message };
  if (error instanceof z.ZodError) return { error: error.issues[0]?.message ?? 'Check the fields' };
  log.error({ err: error, businessId }, `${what} failed`);
  return { error: `Could not ${what}; try again` };
}

export async function connectTwilioAccountAction(
  _previous: NumbersActionState,
  formData: FormData,
): Promise<NumbersActionState> {
  const { businessId, userId, ctx } = await ownerContext(formData);
  try {
    const account = await connectTwilioAccount({
      ctx,
      input: {
        accountSid: text(formData, 'accountSid'),
        apiKeySid: optional(text(formData, 'apiKeySid')),
        secret: text(formData, 'secret'),
      },
      provisioning: webNumberProvisioning(),
    });
    log.info({ userId, businessId, accountSid: account.accountSid }, 'twilio account connected');
  } catch (error) {
    const typed = { accountSid: text(formData, 'accountSid'), apiKeySid: text(formData, 'apiKeySid') };
    return { ...refusal(error, businessId, 'connect the account'), typed };
  }
  revalidatePath(`/b/${businessId}/numbers`);
  return { ok: 'Twilio account connected' };
}

export async function disconnectTwilioAccountAction(formData: FormData): Promise<void> {
  const { businessId, userId, ctx } = await ownerContext(formData);
  await disconnectTwilioAccount({ ctx });
  log.info({ userId, businessId }, 'twilio account disconnected');
  revalidatePath(`/b/${businessId}/numbers`);
}

export async function searchNumbersAction(_previous: SearchState, formData: FormData): Promise<SearchState> {
  const { businessId, ctx } = await ownerContext(formData);
  try {
    const offers = await searchAvailableNumbers({
      ctx,
      input: {
        country: text(formData, 'country') || 'US',
        type: text(formData, 'type') === 'toll_free' ? 'toll_free' : 'local',
        areaCode: optional(text(formData, 'areaCode')),
        contains: optional(text(formData, 'contains')),
      },
      provisioning: webNumberProvisioning(),
    });
    return offers.length === 0
      ? { offers, error: 'No numbers match; try another area code or pattern' }
      : { offers };
  } catch (error) {
    return refusal(error, businessId, 'search numbers');
  }
}

/**
 * One change to the business's numbers: the owner's context, the domain verb, the refusal shown on the
 * page, the audit log line and the revalidation every number action shares.
 */
async function changeNumbers(
  formData: FormData,
  what: string,
  change: (
    ctx: Awaited<ReturnType<typeof ownerContext>>['ctx'],
  ) => Promise<{ e164: string; logLine: string; state: NumbersActionState }>,
): Promise<NumbersActionState> {
  const { businessId, userId, ctx } = await ownerContext(formData);
  let done: Awaited<ReturnType<typeof change>>;
  try {
    done = await change(ctx);
  } catch (error) {
    return refusal(error, businessId, what);
  }
  log.info({ userId, businessId, phoneNumber: done.e164 }, done.logLine);
  revalidatePath(`/b/${businessId}`, 'layout');
  return done.state;
}

export async function buyNumberAction(
  _previous: NumbersActionState,
  formData: FormData,
): Promise<NumbersActionState> {
  return changeNumbers(formData, 'buy the number', async (ctx) => {
    const { e164 } = await buyPhoneNumber({
      ctx,
      input: { phoneNumber: text(formData, 'phoneNumber'), label: optional(text(formData, 'label')) },
      provisioning: webNumberProvisioning(),
    });
    const ok = `Bought ${e164}; its calls now come to your receptionist`;
    return { e164, logLine: 'phone number bought', state: { ok, bought: e164 } };
  });
}

export async function attachNumberAction(
  _previous: NumbersActionState,
  formData: FormData,
): Promise<NumbersActionState> {
  return changeNumbers(formData, 'attach the number', async (ctx) => {
    const { e164 } = await attachPhoneNumber({
      ctx,
      input: { phoneNumber: text(formData, 'phoneNumber') },
      provisioning: webNumberProvisioning(),
    });
    return {
      e164,
      logLine: 'phone number attached',
      state: { ok: `${e164} now sends its calls to your receptionist` },
    };
  });
}

export async function releaseNumberAction(
  _previous: NumbersActionState,
  formData: FormData,
): Promise<NumbersActionState> {
  return changeNumbers(formData, 'release the number', async (ctx) => {
    const released = await releasePhoneNumber({
      ctx,
      input: { phoneNumberId: text(formData, 'phoneNumberId') },
      provisioning: webNumberProvisioning(),
    });
    const ok = released.releasedOnTwilio
      ? `Released ${released.e164} back to Twilio`
      : `Detached ${released.e164} (your Twilio account no longer had it)`;
    return { e164: released.e164, logLine: 'phone number released', state: { ok } };
  });
}
