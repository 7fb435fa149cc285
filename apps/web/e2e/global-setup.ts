import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakePolarServer } from '@receptionist/billing/testing';
import { startFakeGoogleCalendar } from '@receptionist/google-calendar/testing';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { DateTime } from 'luxon';
import { bookingDay, bookingRequest, writeCallerWav } from './caller-audio.ts';
import { childEnv, publishServers, reuseWebBuild } from './env.ts';
import { artifactsDir, callerWavPath, repoRoot, screenshotsDir, webDir } from './paths.ts';
import { type Child, freePort, runToCompletion, startChild, stopChild, waitForHttp } from './servers.ts';

/** The Polar products the e2e install sells (ids the fake Polar knows). */
const E2E_PRODUCTS = {
  starter: { id: 'e2e-prod-starter', name: 'Starter', priceAmount: 2900 },
  pro: { id: 'e2e-prod-pro', name: 'Pro', priceAmount: 9900 },
};

/**
 * Starts what CI does not have running: the voice server (ENGINE=local), the dashboard (`next build` +
 * `next start`) and a fake Polar API, all on free loopback ports, with one temporary database. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const workDir = mkdtempSync(join(tmpdir(), 'receptionist-e2e-'));
  mkdirSync(screenshotsDir, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  const [voicePort, webPort] = [await freePort(), await freePort()];
  const voiceUrl = `http://127.0.0.1:${voicePort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const databaseUrl = `file:${join(workDir, 'e2e.db')}`;
  const sessionSecret = randomBytes(32).toString('base64url');
  const day = bookingDay('America/New_York', DateTime.now());
  writeCallerWav(callerWavPath, bookingRequest(day), 9);

  // Polar, on loopback: its hosted checkout "pays" and sends signed webhooks to the dashboard.
  const polarToken = `polar_oat_${randomBytes(12).toString('hex')}`;
  const polarSecret = `polar_whs_${randomBytes(12).toString('hex')}`;
  const polar = await startFakePolarServer({
    accessToken: polarToken,
    webhookSecret: polarSecret,
    webhookUrl: `${webUrl}/api/webhooks/polar`,
    products: [E2E_PRODUCTS.starter, E2E_PRODUCTS.pro],
  });
  const polarEnv = {
    POLAR_ACCESS_TOKEN: polarToken,
    POLAR_WEBHOOK_SECRET: polarSecret,
    POLAR_SERVER_URL: polar.url,
    POLAR_PRODUCT_STARTER: E2E_PRODUCTS.starter.id,
    POLAR_PRODUCT_PRO: E2E_PRODUCTS.pro.id,
  };
  // A loopback Google (OAuth consent, token, Calendar API) for the calendar connection flow.
  const google = await startFakeGoogleCalendar({ accountEmail: 'owner@example.com' });
  const calendarEnv = {
    GOOGLE_CALENDAR_CLIENT_ID: google.clientId,
    GOOGLE_CALENDAR_CLIENT_SECRET: google.clientSecret,
    CALENDAR_TOKEN_KEY: randomBytes(32).toString('hex'),
    GOOGLE_API_ROOT_URL: google.endpoints.apiRootUrl,
    GOOGLE_OAUTH_AUTH_URL: google.endpoints.authUrl,
    GOOGLE_OAUTH_TOKEN_URL: google.endpoints.tokenUrl,
    GOOGLE_OAUTH_REVOKE_URL: google.endpoints.revokeUrl,
  };

  // Twilio's REST API on loopback: one account with numbers for sale (the numbers page buys one).
  const twilio = await FakeTwilioRestServer.start();
  const twilioAccount = {
    accountSid: `AC${randomBytes(16).toString('hex')}`,
    authToken: randomBytes(16).toString('hex'),
  };
  twilio.incomingNumbers.addAccount(twilioAccount.accountSid, twilioAccount.authToken, ['+13105550150'], {
    friendlyName: 'E2E Twilio',
  });
  twilio.numberProvisioning.inventory.push(
    { phoneNumber: '+14155550142', isoCountry: 'US', type: 'local', locality: 'San Francisco', region: 'CA' },
    { phoneNumber: '+14155550143', isoCountry: 'US', type: 'local', locality: 'San Francisco', region: 'CA' },
    { phoneNumber: '+12125550144', isoCountry: 'US', type: 'local', locality: 'New York', region: 'NY' },
  );
  const twilioEnv = {
    TWILIO_API_BASE_URL: twilio.url,
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
  };

  const children: Child[] = [];
  const teardown = async () => {
    await Promise.all(children.map(stopChild));
    await polar.close();
    await google.close();
    await twilio.close();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const voice = startChild(
      'voice server',
      join(repoRoot, 'node_modules/.bin/tsx'),
      ['apps/voice/src/main.ts'],
      {
        cwd: repoRoot,
        env: childEnv({
          NODE_ENV: 'test',
          DATABASE_URL: databaseUrl,
          VOICE_PORT: String(voicePort),
          PUBLIC_URL: voiceUrl,
          ENGINE: 'local',
          SESSION_SECRET: sessionSecret,
          ALLOWED_ORIGINS: webUrl,
          LOG_LEVEL: 'warn',
          OPENAI_API_KEY: '',
          ...polarEnv,
          ...calendarEnv,
        }),
      },
    );
    children.push(voice);
    const webEnv = childEnv({
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: sessionSecret,
      VOICE_URL: voiceUrl,
      PUBLIC_URL: voiceUrl,
      // The browser test connects a made-up number: no Twilio account to prove it against.
      PHONE_NUMBER_OWNERSHIP: 'unchecked',
      GOOGLE_CLIENT_ID: '',
      GOOGLE_CLIENT_SECRET: '',
      NEXT_TELEMETRY_DISABLED: '1',
      ...polarEnv,
      ...calendarEnv,
      ...twilioEnv,
    });
    const nextBin = join(repoRoot, 'node_modules/.bin/next');
    if (!reuseWebBuild) await runToCompletion('next build', nextBin, ['build'], { cwd: webDir, env: webEnv });
    await waitForHttp(`${voiceUrl}/healthz`, voice, 90_000);
    const web = startChild('dashboard', nextBin, ['start', '-H', '127.0.0.1', '-p', String(webPort)], {
      cwd: webDir,
      env: webEnv,
    });
    children.push(web);
    await waitForHttp(`${webUrl}/sign-in`, web, 90_000);
  } catch (error) {
    await teardown();
    throw error;
  }
  publishServers({
    webUrl,
    voiceUrl,
    databaseUrl,
    sessionSecret,
    workDir,
    bookingDay: day.toISODate() ?? '',
    polarUrl: polar.url,
    twilio: { url: twilio.url, ...twilioAccount },
  });
  return teardown;
}
