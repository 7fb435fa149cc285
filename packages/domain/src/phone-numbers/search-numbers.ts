import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { requireTwilioCredentials } from './twilio-account.ts';
import { askTwilio } from './twilio-errors.ts';
import type { NumberProvisioning, TwilioAvailableNumber } from './twilio-numbers-port.ts';

export const SearchAvailableNumbersInput = z.object({
  /** ISO 3166-1 alpha-2, as Twilio's AvailablePhoneNumbers path takes it. */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'a country is its two-letter code, e.g. US'),
  type: z.enum(['local', 'toll_free']).default('local'),
  /** US and Canada only (Twilio ignores it elsewhere). */
  areaCode: z
    .string()
    .trim()
    .regex(/^\d{3}$/, 'an area code is three digits')
    .optional(),
  /** Digits or letters the number should contain (Twilio's pattern: 2–16 characters, `*` for any one). */
  contains: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z*]{2,16}$/, 'use 2 to 16 digits or letters (* matches any one)')
    .optional(),
  limit: z.number().int().min(1).max(30).default(20),
});
export type SearchAvailableNumbersInput = z.input<typeof SearchAvailableNumbersInput>;

export interface AvailableNumberOffer extends TwilioAvailableNumber {
  type: 'local' | 'toll_free';
  /** Twilio's current monthly price for this kind of number here; undefined when it lists none. */
  monthlyPrice: { amount: string; currency: string } | undefined;
}

/** Numbers the business could buy on its own Twilio account, each with its monthly price. */
export async function searchAvailableNumbers({
  ctx,
  input,
  provisioning,
}: {
  ctx: TenantContext;
  input: SearchAvailableNumbersInput;
  provisioning: Pick<NumberProvisioning, 'twilio' | 'secretsKey'>;
}): Promise<AvailableNumberOffer[]> {
  const parsed = SearchAvailableNumbersInput.parse(input);
  const credentials = await requireTwilioCredentials(ctx, provisioning);
  const [numbers, monthlyPrice] = await Promise.all([
    askTwilio(() =>
      provisioning.twilio.searchAvailable(credentials, {
        country: parsed.country,
        type: parsed.type,
        ...(parsed.areaCode === undefined ? {} : { areaCode: Number(parsed.areaCode) }),
        ...(parsed.contains === undefined ? {} : { contains: parsed.contains }),
        limit: parsed.limit,
      }),
    ),
    // The price is shown before buying; a Pricing API hiccup should not hide the numbers themselves.
    provisioning.twilio.monthlyPrice(credentials, parsed.country, parsed.type).catch(() => undefined),
  ]);
  return numbers.map((number) => ({ ...number, type: parsed.type, monthlyPrice }));
}
