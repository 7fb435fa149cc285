import { OVERAGE_BEHAVIOURS, type TenantDb } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { type BillingState, loadBillingState } from './state.ts';

export const SetOverageBehaviourInput = z.object({ overageBehaviour: z.enum(OVERAGE_BEHAVIOURS) });
export type SetOverageBehaviourInput = z.input<typeof SetOverageBehaviourInput>;

/** The owner's choice for calls past the plan's minutes: keep answering (billed as overage) or take messages. */
export async function setOverageBehaviour({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb };
  input: SetOverageBehaviourInput;
}): Promise<BillingState> {
  const parsed = SetOverageBehaviourInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError(
      'invalid_input',
      'Choose "bill overage" or "take a message" for calls past the limit.',
    );
  }
  return ctx.tenant.transaction(async (tenant) => {
    await tenant.billing.upsertAccount({ overageBehaviour: parsed.data.overageBehaviour });
    return loadBillingState(tenant);
  });
}
