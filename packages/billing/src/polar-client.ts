import { Polar } from '@polar-sh/sdk';
import { HTTPClientError } from '@polar-sh/sdk/models/errors/httpclienterrors.js';
import { PolarError } from '@polar-sh/sdk/models/errors/polarerror.js';
import { ResponseValidationError } from '@polar-sh/sdk/models/errors/responsevalidationerror.js';
import { BillingProviderError } from './errors.ts';
import type { PolarSettings } from './settings.ts';

/** One call's usage as a Polar meter event. */
export interface MeterUsage {
  businessId: string;
  callId: string;
  billableSeconds: number;
  /** Epoch ms the call started: the event's timestamp, so it lands in the period the call was in. */
  startedAt: number;
}

/**
 * What the product needs from Polar, thin over `@polar-sh/sdk`. The Polar customer of a business is
 * addressed by its external id, which is the business id: checkout creates it, the portal and the meter
 * find it, so we never need to store Polar's own customer id to act.
 */
export interface PolarBilling {
  /** A hosted checkout for one product; the browser goes to `url`, Polar sends it back to `successUrl`. */
  createCheckout(input: {
    businessId: string;
    productId: string;
    successUrl: string;
    returnUrl?: string | undefined;
    customerEmail?: string | undefined;
    customerName?: string | undefined;
  }): Promise<{ id: string; url: string }>;
  /** A customer-portal link (invoices, payment method, cancellation) for the business's Polar customer. */
  createPortalSession(input: {
    businessId: string;
    returnUrl?: string | undefined;
  }): Promise<{ url: string }>;
  /**
   * Sends meter events in one request. Each carries the call id as `external_id`, which Polar
   * deduplicates on, so sending a call twice (a retry after a lost answer) never bills it twice.
   */
  ingestUsage(usage: readonly MeterUsage[]): Promise<{ inserted: number; duplicates: number }>;
  /** Ends a subscription now (its business was deleted): no further charges. */
  revokeSubscription(subscriptionId: string): Promise<void>;
}

export function createPolarBilling(settings: PolarSettings): PolarBilling {
  const polar = new Polar({
    accessToken: settings.accessToken,
    ...(settings.serverUrl === undefined ? { server: settings.server } : { serverURL: settings.serverUrl }),
    timeoutMs: settings.timeoutMs,
  });
  return {
    async createCheckout(input) {
      const checkout = await call('create a checkout', () =>
        polar.checkouts.create({
          products: [input.productId],
          externalCustomerId: input.businessId,
          successUrl: input.successUrl,
          returnUrl: input.returnUrl,
          customerEmail: input.customerEmail,
          customerName: input.customerName,
          metadata: { businessId: input.businessId },
        }),
      );
      return { id: checkout.id, url: checkout.url };
    },

    async createPortalSession(input) {
      const session = await call('open the customer portal', () =>
        polar.customerSessions.create({ externalCustomerId: input.businessId, returnUrl: input.returnUrl }),
      );
      return { url: session.customerPortalUrl };
    },

    async ingestUsage(usage) {
      if (usage.length === 0) return { inserted: 0, duplicates: 0 };
      return call('send usage', () =>
        polar.events.ingest({
          events: usage.map((item) => ({
            name: settings.meterEventName,
            externalCustomerId: item.businessId,
            externalId: item.callId,
            timestamp: new Date(item.startedAt),
            metadata: { seconds: item.billableSeconds, callId: item.callId },
          })),
        }),
      );
    },

    async revokeSubscription(subscriptionId) {
      await call('revoke the subscription', () => polar.subscriptions.revoke({ id: subscriptionId }));
    },
  };
}

/** Runs one SDK call, turning its failures into a BillingProviderError that says whether to retry. */
async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toBillingError(what, error);
  }
}

export function toBillingError(what: string, error: unknown): BillingProviderError {
  if (error instanceof BillingProviderError) return error;
  if (error instanceof PolarError && !(error instanceof ResponseValidationError)) {
    const status = error.statusCode;
    if (status === 429) {
      return new BillingProviderError(
        'polar_rate_limited',
        `Polar is busy; could not ${what}. Try again shortly.`,
        {
          status,
          cause: error,
        },
      );
    }
    if (status >= 500) {
      return new BillingProviderError(
        'polar_unavailable',
        `Polar is unavailable; could not ${what}. Try again later.`,
        {
          status,
          cause: error,
        },
      );
    }
    return new BillingProviderError('polar_rejected', `Polar refused to ${what} (HTTP ${status}).`, {
      status,
      cause: error,
    });
  }
  if (error instanceof HTTPClientError) {
    return new BillingProviderError(
      'polar_unavailable',
      `Polar could not be reached; could not ${what}. Try again later.`,
      {
        cause: error,
      },
    );
  }
  // A response that does not match Polar's schema: treat it as Polar misbehaving, which may pass.
  return new BillingProviderError('polar_unavailable', `Polar answered unexpectedly; could not ${what}.`, {
    cause: error,
  });
}
