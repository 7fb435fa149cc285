import { describe, expect, it } from 'vitest';
import { loadStartEnv } from './env.ts';
import { startBanner } from './start-banner.ts';

describe('npm start banner', () => {
  it('never prints the Twilio auth token or the session secret, wherever they come from', () => {
    const token = 'f00dfeedf00dfeedf00dfeedf00dfeed';
    const secret = 's'.repeat(40);
    const banner = startBanner(loadStartEnv({ TWILIO_AUTH_TOKEN: token, SESSION_SECRET: secret }));
    expect(banner).not.toContain(token);
    expect(banner).not.toContain(secret);
    expect(banner).toContain('npm run call -- --line');
    expect(startBanner(loadStartEnv({}))).toContain('data/dev-secrets.json');
  });
});
