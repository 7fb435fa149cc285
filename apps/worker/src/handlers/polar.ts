import { createPolarBilling, type PolarBilling, type PolarConfig } from '@receptionist/billing';

/** The Polar client the meter handler uses, or undefined when billing is off (no POLAR_ACCESS_TOKEN). */
export function polarBillingFrom(config: PolarConfig): PolarBilling | undefined {
  return config.api === undefined ? undefined : createPolarBilling(config.api);
}
