import { findUserByEmail, listBusinessesForUser } from '@receptionist/db';
import type { AbuseProbe } from '../types.ts';

/**
 * Item 2: with SMTP configured, a new account gets a single-use verification link by email and owns nothing
 * until it is opened; the link works once.
 */
export const emailVerificationProbe: AbuseProbe = {
  item: '2',
  name: 'sign up (SMTP on): verification email, then open the link twice',
  expected: 'unverified until the link; the link works once',
  async run(ctx) {
    const email = 'fresh@clinic.test';
    const context = await ctx.newBrowserContext();
    const page = await context.newPage();
    try {
      await page.goto(`${ctx.webUrl}/sign-in?mode=register`);
      await page.getByLabel('Your name').fill('Fresh Person');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('a brand new account 7');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
      let link: string | undefined;
      for (let i = 0; i < 100 && link === undefined; i += 1) {
        const mail = ctx.inbox().find((candidate) => candidate.to.includes(email));
        link = /(https?:\/\/\S+\/verify-email#token=[\w-]+)/.exec(mail?.text ?? '')?.[1];
        if (link === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (link === undefined) return { observed: 'no verification email arrived', pass: false };
      const before = await findUserByEmail(ctx.db, email);
      const businessesBefore = before ? await listBusinessesForUser(ctx.db, before.id) : [];
      await page.goto(link);
      await page.getByRole('button', { name: 'Verify my address' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/verify-email'), { timeout: 30_000 });
      const after = await findUserByEmail(ctx.db, email);
      await page.goto(link);
      await page.getByRole('button', { name: 'Verify my address' }).click();
      const reuse = (await page.locator('form [role="alert"]').textContent({ timeout: 30_000 })) ?? '';
      const unverifiedBefore = before?.emailVerifiedAt === null && businessesBefore.length === 0;
      const verifiedAfter = typeof after?.emailVerifiedAt === 'number';
      return {
        observed: `email sent; before: ${unverifiedBefore ? 'unverified, no business' : 'verified?'}; after: ${verifiedAfter ? 'verified' : 'unverified'}; reuse: "${reuse}"`,
        pass: unverifiedBefore && verifiedAfter && /not valid any more/.test(reuse),
      };
    } finally {
      await context.close();
    }
  },
};
