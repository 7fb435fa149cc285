import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';

export const RemoveMemberInput = z.object({ userId: z.string().trim().min(1).max(100) });

/**
 * Takes someone off the business's team: they lose the dashboard at their next request (access is checked
 * per request against the membership). The last owner cannot be removed, so a business is never left
 * with nobody who may change its settings; the check and the delete share one transaction.
 */
export async function removeMember({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: z.input<typeof RemoveMemberInput>;
}): Promise<void> {
  const { userId } = RemoveMemberInput.parse(input);
  await ctx.tenant.transaction(async (tenant) => {
    const members = await tenant.members.list();
    const member = members.find((candidate) => candidate.userId === userId);
    if (member === undefined) {
      throw new DomainError('member_not_found', 'That person is not on this business’s team.');
    }
    if (member.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
      throw new DomainError(
        'last_owner',
        'The only owner cannot be removed; make someone else an owner first.',
      );
    }
    await tenant.members.remove(userId);
  });
}
