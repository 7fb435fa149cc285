import {
  type BillingErrorCode,
  BillingProviderError,
  type PaidPlan,
  type PolarBilling,
} from '@receptionist/billing';

export type BillingLink = { ok: true; url: string } | { ok: false; code: BillingErrorCode };

/**
 * Where to send an owner who chose a plan: Polar's hosted checkout for the plan's product, or why not.
 * Nothing is written here: the plan changes only when Polar's webhook says it was paid, so Polar being
 * down or refusing leaves nothing half-done.
 */
export async function checkoutLink(input: {
  polar: Pick<PolarBilling, 'createCheckout'> | undefined;
  products: Partial<Record<PaidPlan, string>>;
  businessId: string;
  plan: PaidPlan;
  /** This dashboard's origin, for the success and return URLs. */
  origin: string;
  customerEmail?: string | undefined;
  customerName?: string | undefined;
}): Promise<BillingLink> {
  const productId = input.products[input.plan];
  if (input.polar === undefined || productId === undefined)
    return { ok: false, code: 'billing_not_configured' };
  const billing = `${input.origin}/b/${input.businessId}/billing`;
  try {
    const checkout = await input.polar.createCheckout({
      businessId: input.businessId,
      productId,
      successUrl: `${billing}?checkout=success&checkout_id={CHECKOUT_ID}`,
      returnUrl: billing,
      customerEmail: input.customerEmail,
      customerName: input.customerName,
    });
    return { ok: true, url: checkout.url };
  } catch (error) {
    if (error instanceof BillingProviderError) return { ok: false, code: error.code };
    throw error;
  }
}

/** Polar's customer portal for the business, or why not (no Polar customer yet is `polar_rejected`). */
export async function portalLink(input: {
  polar: Pick<PolarBilling, 'createPortalSession'> | undefined;
  businessId: string;
  origin: string;
}): Promise<BillingLink> {
  if (input.polar === undefined) return { ok: false, code: 'billing_not_configured' };
  try {
    const session = await input.polar.createPortalSession({
      businessId: input.businessId,
      returnUrl: `${input.origin}/b/${input.businessId}/billing`,
    });
    return { ok: true, url: session.url };
  } catch (error) {
    if (error instanceof BillingProviderError) return { ok: false, code: error.code };
    throw error;
  }
}
