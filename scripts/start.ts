/**
 * `npm start`: runs the product on this machine — the voice server (which migrates the database and seeds
 * the demo business), the job worker (its own process unless WORKER=embedded|off) and the dashboard — and
 * prints their URLs. Ctrl-C stops them all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';
import { loadStartEnv } from './env.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'apps/web');
const env = loadStartEnv();
const children: ChildProcess[] = [];
// Generated secrets fill in what the environment leaves unset, so webhooks can be signed locally.
const devSecrets = loadOrCreateDevSecrets(join(root, 'data'));
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  SESSION_SECRET: env.SESSION_SECRET ?? devSecrets.SESSION_SECRET,
  TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN ?? devSecrets.TWILIO_AUTH_TOKEN,
  CREDENTIALS_KEY: env.CREDENTIALS_KEY ?? devSecrets.CREDENTIALS_KEY,
};

function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): ChildProcess {
  // Each service runs in its own process group so that stopping it also stops what npx started under it.
  const child = spawn(command, args, {
    cwd: options.cwd ?? root,
    stdio: 'inherit',
    env: { ...childEnv, ...options.env },
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping`);
      void shutdown(code ?? 1);
    }
  });
  children.push(child);
  return child;
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

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) signalGroup(child, 'SIGTERM');
  // The voice server drains active calls first; give it a moment, then make sure nothing is left behind.
  const deadline = Date.now() + 10_000;
  while (children.some((child) => child.exitCode === null && child.signalCode === null)) {
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  for (const child of children) signalGroup(child, 'SIGKILL');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// The voice server embeds a worker only when asked to; by default the worker is its own process.
run('voice server', 'npx', ['tsx', 'apps/voice/src/main.ts'], {
  env: { WORKER: env.WORKER === 'embedded' ? 'embedded' : 'off' },
});
await waitForHttp(`http://127.0.0.1:${env.VOICE_PORT}/healthz`, 60_000);
// Started after the voice server has migrated the database, so the worker finds the tables ready.
if (env.WORKER === 'separate') run('job worker', 'npx', ['tsx', 'apps/worker/src/main.ts']);

if (env.WEB_DEV) {
  run('dashboard', 'npx', ['next', 'dev', '--port', String(env.WEB_PORT)], { cwd: webDir });
} else {
  if (webBuildIsStale()) await buildWeb();
  run('dashboard', 'npx', ['next', 'start', '--port', String(env.WEB_PORT)], { cwd: webDir });
}
await waitForHttp(`http://127.0.0.1:${env.WEB_PORT}/`, 120_000);

console.log(`
AI Receptionist is running.
  Dashboard         http://localhost:${env.WEB_PORT}/          (sign in locally; the first user owns the demo business)
  Test call page    http://localhost:${env.WEB_PORT}/test
  Voice server      http://localhost:${env.VOICE_PORT}/healthz  /readyz  /metrics
  Job worker        ${env.WORKER === 'separate' ? 'its own process' : env.WORKER === 'embedded' ? 'inside the voice server' : 'off (npm run worker)'}
  Twilio webhooks   POST /twilio/voice and /twilio/status on PUBLIC_URL (see README)

Place a simulated phone call (signed like Twilio, spoken with flite):
  npm run call -- --auth-token ${childEnv.TWILIO_AUTH_TOKEN} --line "I would like to book a cleaning"
Press Ctrl-C to stop.`);
