import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitForHttp } from './testing/loopback-processes.ts';

// What an OpenAI-only voice server carries: the offline engine (onnxruntime, the recogniser), its
// dialogue policy (chrono-node), the Google client libraries and Twilio's REST client load only when a
// call needs them (a failover, a business with a calendar, a transfer or a staff hang-up), so the server
// started as `npm start` starts it has not loaded them. Seen from outside: a module hook in the started
// process logs every module it loads.

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOOK = new URL('./testing/module-log-hook.mjs', import.meta.url).href;
const NOT_FOR_AN_OPENAI_SERVER = [
  /\/node_modules\/onnxruntime-node\//,
  /\/node_modules\/chrono-node\//,
  /\/packages\/engine\/src\/local\//,
  // The rule-based dialogue (the tools' FAQ matching beside it is shared with the OpenAI engine).
  /\/packages\/receptionist\/src\/offline\/(index|dialogue|datetime)\.ts$/,
  /\/node_modules\/google-auth-library\//,
  /\/node_modules\/@googleapis\//,
  // Twilio's REST client (its index loads it whole): only a transfer or a staff hang-up needs it.
  /\/node_modules\/twilio\/lib\/index\.js$/,
  /\/packages\/telephony\/src\/rest\.ts$/,
];

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('an OpenAI-only voice server', () => {
  it('has not loaded the offline engine, its dialogue policy or the Google libraries once it listens', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lazy-modules-'));
    const logFile = join(dir, 'modules.log');
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(HOOK)}, { data: { logFile: ${JSON.stringify(logFile)} } });\n`,
    );
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    let output = '';
    // After tsx: hooks run last-registered first, so ours sees each module before tsx takes it over.
    const started = spawn(process.execPath, ['--import', 'tsx', '--import', register, MAIN], {
      // Only what the server reads: the test's own environment stays out of it.
      cwd: REPO_ROOT,
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        VOICE_PORT: String(port),
        PUBLIC_URL: serverUrl,
        DATABASE_URL: `file:${join(dir, 'voice.db')}`,
        CALL_LOG_OUTBOX_DIR: join(dir, 'outbox'),
        WORKER: 'off',
        ENGINE: 'openai',
        OPENAI_API_KEY: 'sk-test-not-used',
        OPENAI_REALTIME_URL: 'ws://127.0.0.1:9/v1/realtime',
        TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
        TWILIO_AUTH_TOKEN: 'test-twilio-auth-token',
        SESSION_SECRET: 'test-session-secret-test-session-secret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitForHttp(`${serverUrl}/healthz`, started, {
      name: 'the voice server',
      output: () => output,
      timeoutMs: 60_000,
      pollMs: 100,
    });

    const loaded = readFileSync(logFile, 'utf8').split('\n');
    // The log works: the server's own modules and the OpenAI engine are in it.
    expect(loaded.some((url) => url.endsWith('/apps/voice/src/server.ts'))).toBe(true);
    expect(loaded.some((url) => url.includes('/packages/engine/src/openai/'))).toBe(true);
    expect(loaded.filter((url) => NOT_FOR_AN_OPENAI_SERVER.some((pattern) => pattern.test(url)))).toEqual([]);
  }, 90_000);
});
