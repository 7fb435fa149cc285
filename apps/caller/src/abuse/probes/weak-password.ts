import type { AbuseProbe } from '../types.ts';

/** Item 10: sign-up refuses short and common/breached passwords (8 characters were enough before). */
export const weakPasswordProbe: AbuseProbe = {
  item: '10',
  name: 'sign up with "password1" and "password1234"',
  expected: 'both refused (length, breached list)',
  async run(ctx) {
    const context = await ctx.newBrowserContext();
    const page = await context.newPage();
    const answers: string[] = [];
    try {
      for (const password of ['password1', 'password1234']) {
        await page.goto(`${ctx.webUrl}/sign-in?mode=register`);
        await page.getByLabel('Your name').fill('Weak Password');
        await page.getByLabel('Email').fill('weak@clinic.test');
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Create account' }).click();
        answers.push((await page.locator('form [role="alert"]').textContent({ timeout: 30_000 })) ?? '');
      }
    } finally {
      await context.close();
    }
    return {
      observed: answers.map((answer) => `"${answer}"`).join(' / '),
      pass: /at least 12/.test(answers[0] ?? '') && /common or breached/.test(answers[1] ?? ''),
    };
  },
};
