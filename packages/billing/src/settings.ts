import { z } from 'zod';

/**
 * Polar's configuration, from the POLAR_* variables. Each app's own `env.ts` (the only place the
 * environment is read) passes its variables to `parsePolarSettings`. Billing is off without an access token.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const PolarEnv = z.object({
  POLAR_ACCESS_TOKEN: optionalText,
  POLAR_WEBHOOK_SECRET: optionalText,
  /** Which Polar API: `sandbox` for test payments, `production` for real ones. */
  POLAR_SERVER: z.enum(['sandbox', 'production']).default('sandbox'),
  /** Overrides the server's URL (tests point it at a loopback fake). */
  POLAR_SERVER_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** The Polar product id of each plan a business can buy. */
  POLAR_PRODUCT_STARTER: optionalText,
  POLAR_PRODUCT_PRO: optionalText,
  /** The meter event name Polar's meter filters on; its `seconds` metadata is what the meter sums. */
  POLAR_METER_EVENT: z.string().trim().min(1).max(100).default('call_seconds'),
  POLAR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type PaidPlan = 'starter' | 'pro';

export interface PolarSettings {
  accessToken: string;
  server: 'sandbox' | 'production';
  serverUrl: string | undefined;
  meterEventName: string;
  timeoutMs: number;
}

export interface PolarConfig {
  /** Undefined when POLAR_ACCESS_TOKEN is unset: no checkout, no portal, no meter events. */
  api: PolarSettings | undefined;
  /** Undefined when POLAR_WEBHOOK_SECRET is unset: `/api/webhooks/polar` answers 503. */
  webhookSecret: string | undefined;
  /** The Polar product id of each plan that has one (checkout sells them, webhooks map them back). */
  products: Partial<Record<PaidPlan, string>>;
}

/** Parses the POLAR_* variables; throws a zod error naming the bad one. */
export function parsePolarConfig(source: Record<string, string | undefined>): PolarConfig {
  const env = PolarEnv.parse(source);
  const products: Partial<Record<PaidPlan, string>> = {};
  if (env.POLAR_PRODUCT_STARTER !== undefined) products.starter = env.POLAR_PRODUCT_STARTER;
  if (env.POLAR_PRODUCT_PRO !== undefined) products.pro = env.POLAR_PRODUCT_PRO;
  return {
    api:
      env.POLAR_ACCESS_TOKEN === undefined
        ? undefined
        : {
            accessToken: env.POLAR_ACCESS_TOKEN,
            server: env.POLAR_SERVER,
            serverUrl: env.POLAR_SERVER_URL?.replace(/\/+$/, ''),
            meterEventName: env.POLAR_METER_EVENT,
            timeoutMs: env.POLAR_TIMEOUT_MS,
          },
    webhookSecret: env.POLAR_WEBHOOK_SECRET,
    products,
  };
}

/** The plan a Polar product id stands for, or undefined for a product we do not sell. */
export function planOfProduct(
  products: Partial<Record<PaidPlan, string>>,
  productId: string,
): PaidPlan | undefined {
  for (const [plan, id] of Object.entries(products)) if (id === productId) return plan as PaidPlan;
  return undefined;
}
