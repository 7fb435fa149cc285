import { registerLocalUser } from '@receptionist/domain';
import type { AbuseProbe } from '../types.ts';

/** Item 10: password guessing against one account through the sign-in form (40 tries in 2.9 s before). */
export const passwordGuessingProbe: AbuseProbe = {
  item: '10',
  name: 'guess one account’s password 12 times via the sign-in form',
  expected: 'refused after 10: "Too many attempts"',
  async run(ctx) {
    await registerLocalUser({
      ctx: { db: ctx.db, actor: { kind: 'system' } },
      input: { email: 'victim@clinic.test', password: 'the real one is long' },
    });
    const context = await ctx.newBrowserContext();
    const page = await context.newPage();
    const answers: string[] = [];
    try {
      for (let attempt = 1; attempt <= 12; attempt += 1) {
        await page.goto(`${ctx.webUrl}/sign-in`);
        await page.getByLabel('Email').fill('victim@clinic.test');
        await page.getByLabel('Password').fill(`guess number ${attempt}`);
        await page.getByRole('button', { name: 'Sign in' }).click();
        answers.push((await page.locator('form [role="alert"]').textContent({ timeout: 30_000 })) ?? '');
      }
    } finally {
      await context.close();
    }
    const limitedAt = answers.findIndex((answer) => /Too many attempts/.test(answer)) + 1;
    return {
      observed: limitedAt > 0 ? `"${answers[limitedAt - 1]}" from attempt ${limitedAt}` : 'never limited',
      pass:
        limitedAt === 11 && answers.slice(0, 10).every((answer) => /Wrong email or password/.test(answer)),
    };
  },
};
