import { createPolarBilling, type PolarBilling } from '@receptionist/billing';
import { getEnv } from '../../env.ts';

let cached: { client: PolarBilling | undefined } | undefined;

/** The process's Polar client, or undefined when billing is off (POLAR_ACCESS_TOKEN unset). */
export function getPolarBilling(): PolarBilling | undefined {
  if (cached === undefined) {
    const api = getEnv().polar.api;
    cached = { client: api === undefined ? undefined : createPolarBilling(api) };
  }
  return cached.client;
}
