import { acceptStaffInvite, inviteStaff, registerLocalUser } from '@receptionist/domain';
import type { AbuseProbe } from '../types.ts';

/**
 * Item 2: register `newhire@clinic.test` before the owner adds staff, then read the clinic's calls. The owner's
 * "Invite staff" (the verb the settings action calls) now grants nothing until the invited address accepts
 * the single-use link; the squatter's session is refused, and another account cannot use the link.
 */
export const staffInviteProbe: AbuseProbe = {
  item: '2',
  name: 'pre-registered newhire@ reads the clinic after "add staff"',
  expected: '404 until the invited address accepts the link',
  async run(ctx) {
    const squatter = await registerLocalUser({
      ctx: { db: ctx.db, actor: { kind: 'system' } },
      input: { email: 'newhire@clinic.test', password: 'squatting early 2026' },
    });
    const invitation = await inviteStaff({
      ctx: {
        db: ctx.db,
        businessId: ctx.demoBusinessId,
        actor: { kind: 'staff', userId: ctx.owner.id },
        nowMs: Date.now(),
      },
      input: { email: 'newhire@clinic.test' },
    });
    const cookie = await ctx.sessionCookie(squatter);
    const before = await fetch(`${ctx.webUrl}/b/${ctx.demoBusinessId}/calls`, {
      headers: { cookie },
      redirect: 'manual',
    });
    await before.body?.cancel();
    const intruder = await registerLocalUser({
      ctx: { db: ctx.db, actor: { kind: 'system' } },
      input: { email: 'intruder@else.test', password: 'squatting early 2027' },
    });
    const stolen = await acceptStaffInvite({
      ctx: { db: ctx.db, nowMs: Date.now() },
      input: { token: invitation.token, userId: intruder.id, linkWasEmailed: false },
    }).then(
      () => 'accepted',
      (error: { code?: string }) => error.code ?? 'refused',
    );
    return {
      observed: `calls page ${before.status} after invite; link used by another account: ${stolen}`,
      pass: before.status === 404 && stolen === 'invite_wrong_account',
    };
  },
};
