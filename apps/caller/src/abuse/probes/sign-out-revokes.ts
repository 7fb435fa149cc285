import { forBusiness } from '@receptionist/db';
import { registerLocalUser } from '@receptionist/domain';
import type { AbuseProbe } from '../types.ts';

/** Item 12: after "Sign out", a copy of the session cookie no longer opens the dashboard (it did for 24 h). */
export const signOutRevokesProbe: AbuseProbe = {
  item: '12',
  name: 'reuse a session cookie copied before signing out',
  expected: 'redirect to /sign-in',
  async run(ctx) {
    const leaver = await registerLocalUser({
      ctx: { db: ctx.db, actor: { kind: 'system' } },
      input: { email: 'leaver@clinic.test', password: 'leaving the clinic now' },
    });
    // A staff member of the demo business (set-up, not the probe): the sign-out button lives in its layout.
    await forBusiness(ctx.db, ctx.demoBusinessId).members.set(leaver.id, 'staff');
    const home = `${ctx.webUrl}/b/${ctx.demoBusinessId}`;
    const context = await ctx.newBrowserContext();
    const page = await context.newPage();
    let cookie = '';
    try {
      await page.goto(`${ctx.webUrl}/sign-in`);
      await page.getByLabel('Email').fill('leaver@clinic.test');
      await page.getByLabel('Password').fill('leaving the clinic now');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
      const session = (await context.cookies()).find(
        (candidate) => candidate.name === 'receptionist_session',
      );
      cookie = `${session?.name}=${session?.value}`;
      const before = await fetch(home, { headers: { cookie }, redirect: 'manual' });
      await before.body?.cancel();
      await page.goto(home);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(/\/sign-in/, { timeout: 30_000 });
      const after = await fetch(home, { headers: { cookie }, redirect: 'manual' });
      await after.body?.cancel();
      const location = after.headers.get('location') ?? '';
      return {
        observed: `before sign-out ${before.status}; after: ${after.status} ${location}`,
        pass:
          before.status === 200 && after.status >= 300 && after.status < 400 && location.includes('/sign-in'),
      };
    } finally {
      await context.close();
    }
  },
};
