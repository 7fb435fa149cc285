/**
 * `npm start`: runs the product on this machine — the voice server (which migrates the database and seeds
 * the demo business), the job worker (its own process unless WORKER=embedded|off) and the dashboard — and
 * prints their URLs. Ctrl-C stops them all, letting live calls drain first (scripts/supervisor.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { VOICE_NODE_FLAGS } from '../apps/voice/src/node-flags.ts';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';
import { loadStartEnv } from './env.ts';
import { startBanner } from './start-banner.ts';
import { Supervisor } from './supervisor.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'apps/web');
const env = loadStartEnv();
// Generated secrets fill in what the environment leaves unset, so webhooks can be signed locally.
const devSecrets = loadOrCreateDevSecrets(join(root, 'data'));
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  SESSION_SECRET: env.SESSION_SECRET ?? devSecrets.SESSION_SECRET,
  TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN ?? devSecrets.TWILIO_AUTH_TOKEN,
  CREDENTIALS_KEY: env.CREDENTIALS_KEY ?? devSecrets.CREDENTIALS_KEY,
};

const supervisor = new Supervisor({
  onUnexpectedExit(name, code, signal) {
    console.error(`[start] ${name} exited (${signal ?? code}); stopping`);
    void stopAll(code ?? 1);
  },
});
const tsxLoader = ['--import', 'tsx'];
const nextCli = join(root, 'node_modules/next/dist/bin/next');

/** Runs a service as one node process (no npx wrapper): the signal we send is the one it drains on. */
function run(
  name: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; drainTimeoutMs: number },
) {
  return supervisor.start({
    name,
    command: process.execPath,
    args,
    cwd: options.cwd ?? root,
    env: { ...childEnv, ...options.env },
    drainTimeoutMs: options.drainTimeoutMs,
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Newest modification time under a folder, skipping build output and dependencies. */
function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function webBuildIsStale(): boolean {
  const buildId = join(webDir, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return [webDir, join(root, 'packages')].some((dir) => newestMtimeMs(dir) > builtAt);
}

async function buildWeb(): Promise<void> {
  console.log('[start] building the dashboard (next build); this takes a minute on a small machine');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['next', 'build'], { cwd: webDir, stdio: 'inherit', env: childEnv });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (${code})`))));
  });
}

let interrupts = 0;
async function stopAll(code: number): Promise<void> {
  await supervisor.stop();
  process.exit(code);
}
// Ctrl-C once: every service drains (live calls finish, up to VOICE_DRAIN_TIMEOUT_MS). Twice: stop now.
function onSignal(): void {
  interrupts += 1;
  if (interrupts === 1) {
    console.error('[start] stopping; live calls may take a while to finish (Ctrl-C again to stop at once)');
    void stopAll(0);
  } else {
    supervisor.kill();
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// The voice server embeds a worker only when asked to; by default the worker is its own process.
run('voice server', [...VOICE_NODE_FLAGS, ...tsxLoader, 'apps/voice/src/main.ts'], {
  env: { WORKER: env.WORKER === 'embedded' ? 'embedded' : 'off' },
  // An embedded worker finishes its jobs after the calls have drained.
  drainTimeoutMs: env.VOICE_DRAIN_TIMEOUT_MS + (env.WORKER === 'embedded' ? env.WORKER_DRAIN_TIMEOUT_MS : 0),
});
await waitForHttp(`http://127.0.0.1:${env.VOICE_PORT}/healthz`, 60_000);
// Started after the voice server has migrated the database, so the worker finds the tables ready.
if (env.WORKER === 'separate') {
  run('job worker', [...tsxLoader, 'apps/worker/src/main.ts'], {
    drainTimeoutMs: env.WORKER_DRAIN_TIMEOUT_MS,
  });
}

if (env.WEB_DEV) {
  run('dashboard', [nextCli, 'dev', '--port', String(env.WEB_PORT)], { cwd: webDir, drainTimeoutMs: 5_000 });
} else {
  if (webBuildIsStale()) await buildWeb();
  run('dashboard', [nextCli, 'start', '--port', String(env.WEB_PORT)], {
    cwd: webDir,
    drainTimeoutMs: 5_000,
  });
}
await waitForHttp(`http://127.0.0.1:${env.WEB_PORT}/`, 120_000);

console.log(startBanner(env));
