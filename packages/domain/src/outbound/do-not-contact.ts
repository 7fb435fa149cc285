import type { TenantContext } from '../context.ts';
import { requireE164 } from '../customers/phone.ts';

/** Adds a number to the business's do-not-contact list: no call or text from the receptionist again. */
export async function addDoNotContact({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: { phone: string; reason?: string | undefined };
}): Promise<void> {
  await ctx.tenant.outbound.addDoNotContact(requireE164(input.phone), input.reason?.slice(0, 200));
}

export async function removeDoNotContact({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: { phone: string };
}): Promise<void> {
  await ctx.tenant.outbound.removeDoNotContact(requireE164(input.phone));
}
