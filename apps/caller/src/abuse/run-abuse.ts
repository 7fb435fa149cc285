/**
 * `npm run test:abuse`: starts the product like `npm start` (voice server + the dashboard's production build,
 * one process each, on loopback, a temporary database) and replays the probes of issue 14 against it, each
 * asserting the fixed behaviour. Prints a table (probe, expected, observed) and writes it as JSON to
 * test-results/abuse.json. Exits 1 when any probe fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, openDatabase } from '@receptionist/db';
import { createApiKey, DEMO_BUSINESS_ID, registerLocalUser, tenantContext } from '@receptionist/domain';
import { FakeTwilioClient, fakeSid } from '@receptionist/telephony/testing';
import { sealData } from 'iron-session';
import { type Browser, chromium } from 'playwright-core';
import { loadAbuseEnv, serverEnv } from './env.ts';
import { ABUSE_PROBES } from './probes/index.ts';
import { startProduct } from './servers.ts';
import type { AbuseContext, ProbeResult } from './types.ts';
import { ensureWebBuild } from './web-build.ts';

const DEMO_NUMBER = '+15005550006';

async function main(): Promise<number> {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const env = loadAbuseEnv();
  const workDir = mkdtempSync(join(tmpdir(), 'receptionist-abuse-'));
  const started = Date.now();
  const build = await ensureWebBuild({
    root,
    distDir: env.nextDistDir,
    reuse: env.reuseBuild,
    env: serverEnv({ NEXT_DIST_DIR: env.nextDistDir, NEXT_TELEMETRY_DISABLED: '1' }),
  });
  const accountSid = fakeSid('AC');
  const product = await startProduct({ root, workDir, distDir: env.nextDistDir, accountSid });
  const db = await openDatabase({ url: product.databaseUrl });
  const rows: Array<{ item: string; probe: string; expected: string } & ProbeResult> = [];
  let browser: Browser | undefined;
  try {
    const owner = await registerLocalUser({
      ctx: { db, actor: { kind: 'system' } },
      input: { email: 'owner@clinic.test', password: 'owner of the clinic 1' },
    });
    const { key } = await createApiKey({
      ctx: tenantContext(db, DEMO_BUSINESS_ID, { kind: 'system' }),
      input: { name: 'abuse suite' },
    });
    const ctx: AbuseContext = {
      webUrl: product.webUrl,
      voiceUrl: product.voiceUrl,
      publicUrl: product.voiceUrl,
      twilio: new FakeTwilioClient({
        serverUrl: product.voiceUrl,
        publicUrl: product.voiceUrl,
        authToken: product.authToken,
        accountSid,
      }),
      accountSid,
      authToken: product.authToken,
      sessionSecret: product.webSecret,
      db,
      demoBusinessId: DEMO_BUSINESS_ID,
      demoNumber: DEMO_NUMBER,
      voiceOutput: product.voiceOutput,
      inbox: () => product.smtp.inbox.map((mail) => ({ to: mail.to, text: mail.parsed.text ?? '' })),
      sessionCookie: async (user) =>
        `receptionist_session=${await sealData(
          { userId: user.id, sessionVersion: user.sessionVersion },
          { password: product.webSecret, ttl: 24 * 60 * 60 },
        )}`,
      owner: { id: owner.id, email: owner.email, sessionVersion: owner.sessionVersion },
      apiKey: key,
      stopVoice: product.stopVoice,
      newBrowserContext: async () => {
        browser ??= await chromium.launch({
          executablePath: env.chromiumPath,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
        });
        return browser.newContext({ viewport: { width: 1360, height: 900 } });
      },
    };
    for (const probe of ABUSE_PROBES) {
      let result: ProbeResult;
      try {
        result = await probe.run(ctx);
      } catch (error) {
        result = { observed: `threw: ${(error as Error).message.split('\n')[0]}`, pass: false };
      }
      rows.push({ item: probe.item, probe: probe.name, expected: probe.expected, ...result });
      console.log(`${result.pass ? 'PASS' : 'FAIL'}  [${probe.item}] ${probe.name}: ${result.observed}`);
    }
  } finally {
    await browser?.close();
    closeDatabase(db);
    await product.stopAll();
    rmSync(workDir, { recursive: true, force: true });
  }
  printTable(rows);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(
    join(root, 'test-results/abuse.json'),
    `${JSON.stringify({ build, durationMs: Date.now() - started, probes: rows }, null, 2)}\n`,
  );
  const failed = rows.filter((row) => !row.pass).length;
  console.log(
    `\n${rows.length - failed}/${rows.length} probes pass (${((Date.now() - started) / 1000).toFixed(0)} s, web build ${build})`,
  );
  return failed === 0 ? 0 : 1;
}

function printTable(
  rows: Array<{ item: string; probe: string; expected: string; observed: string; pass: boolean }>,
) {
  const header = ['item', 'probe', 'expected', 'observed', ''];
  const cells = rows.map((row) => [
    row.item,
    row.probe,
    row.expected,
    row.observed,
    row.pass ? 'ok' : 'FAIL',
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((cell) => (cell[i] ?? '').length)),
  );
  const line = (cell: string[]) => cell.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}`);
  for (const cell of cells) console.log(line(cell));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('abuse suite failed to run:', error);
    process.exit(1);
  },
);
