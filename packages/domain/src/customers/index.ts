import type { CustomerRow, TenantDb } from '@receptionist/db';
import { requireE164 } from './phone.ts';

export * from './phone.ts';

/** Finds the business's customer with this number or creates one (normalising the number to E.164). */
export async function findOrCreateCustomer(
  tenant: TenantDb,
  input: { phone: string; name?: string | undefined; keepExistingName?: boolean | undefined },
): Promise<CustomerRow> {
  const phone = requireE164(input.phone);
  const name = input.name?.trim();
  return tenant.customers.upsertByPhone({
    phone,
    name: name === '' ? undefined : name,
    keepExistingName: input.keepExistingName,
  });
}

/** The customer with this number, if any (no row is created). */
export async function findCustomerByPhone(tenant: TenantDb, phone: string): Promise<CustomerRow | undefined> {
  return tenant.customers.findByPhone(requireE164(phone));
}

/** Loose name match for verification: case, spacing and punctuation do not matter. */
export function namesMatch(a: string | null | undefined, b: string | null | undefined): boolean {
  const normalise = (value: string) =>
    value
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N} ]/gu, '')
      .replace(/\s+/g, ' ')
      .trim();
  if (!a || !b) return false;
  const left = normalise(a);
  const right = normalise(b);
  return left !== '' && left === right;
}
