'use server';

import { isDomainError, setOverageBehaviour, tenantContext } from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getEnv } from '../../../../env.ts';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { checkoutLink, portalLink } from '../../../../server/billing/checkout.ts';
import { getPolarBilling } from '../../../../server/billing/polar.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';

/**
 * Billing from the dashboard, owners only. Checkout and the portal are Polar's hosted pages: the action
 * asks Polar for a link and sends the browser there. Nothing is stored before Polar answers, so Polar
 * being down leaves nothing half-done, only a message on the billing page (`?error=`).
 */

const PlanForm = z.object({ businessId: z.string().min(1), plan: z.enum(['starter', 'pro']) });
const BusinessForm = z.object({ businessId: z.string().min(1) });
const OverageForm = BusinessForm.extend({ overageBehaviour: z.enum(['bill_overage', 'take_message']) });

/** This dashboard's origin, for the URLs Polar sends the browser back to. */
async function dashboardOrigin(): Promise<string> {
  const configured = getEnv().webPublicUrl;
  if (configured !== undefined) return configured;
  const requestHeaders = await headers();
  const origin = requestHeaders.get('origin');
  if (origin !== null && origin !== 'null') return origin;
  return `http://${requestHeaders.get('host') ?? 'localhost'}`;
}

function billingPath(businessId: string, query = ''): string {
  return `/b/${businessId}/billing${query}`;
}

export async function startCheckoutAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = PlanForm.parse(Object.fromEntries(formData));
  const { user } = await requireOwner(input.businessId);
  const business = await readTenant(await getDb(), input.businessId).business.get();
  const link = await checkoutLink({
    polar: getPolarBilling(),
    products: getEnv().polar.products,
    businessId: input.businessId,
    plan: input.plan,
    origin: await dashboardOrigin(),
    customerEmail: user.email,
    customerName: business?.name,
  });
  if (!link.ok) {
    log.warn({ businessId: input.businessId, code: link.code }, 'checkout could not start');
    redirect(billingPath(input.businessId, `?error=${link.code}`));
  }
  log.info({ businessId: input.businessId, userId: user.id, plan: input.plan }, 'checkout started');
  redirect(link.url);
}

export async function openPortalAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = BusinessForm.parse(Object.fromEntries(formData));
  await requireOwner(input.businessId);
  const link = await portalLink({
    polar: getPolarBilling(),
    businessId: input.businessId,
    origin: await dashboardOrigin(),
  });
  if (!link.ok) {
    log.warn({ businessId: input.businessId, code: link.code }, 'customer portal could not open');
    redirect(billingPath(input.businessId, `?error=${link.code}`));
  }
  redirect(link.url);
}

export async function setOverageAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = OverageForm.parse(Object.fromEntries(formData));
  const { user } = await requireOwner(input.businessId);
  try {
    await setOverageBehaviour({
      ctx: tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
      input: { overageBehaviour: input.overageBehaviour },
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    redirect(billingPath(input.businessId, '?error=invalid_input'));
  }
  revalidatePath(billingPath(input.businessId));
  redirect(billingPath(input.businessId, '?saved=1'));
}
