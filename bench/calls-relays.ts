/** Starting each relay under test in its own process (ours, the Agents SDK relay, the bare floor relay). */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { childProcessEnv } from '../apps/caller/src/env.ts';
import { VOICE_NODE_FLAGS } from '../apps/voice/src/node-flags.ts';
import { ACCOUNT_SID, AUTH_TOKEN, type Options } from './calls-config.ts';
import { type NodeChild, startNodeChild } from './calls-processes.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, child: NodeChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.child.exitCode !== null) throw new Error(`relay exited with ${child.child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

export interface RelayUnderTest {
  label: string;
  child: NodeChild;
  serverUrl: string;
}

function profileFlags(options: Options, name: string): string[] {
  if (options.cpuProfDir === undefined) return [];
  // One folder per relay: the main thread and tsx's loader thread each write a profile.
  return ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, name)}`];
}

export async function startOurs(
  workDir: string,
  realtimeUrl: string,
  options: Options,
): Promise<RelayUnderTest> {
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const child = startNodeChild({
    script: 'apps/voice/src/main.ts',
    preload: ['./bench/calls-probe.ts'],
    // As npm start runs it (scripts/start.ts).
    nodeFlags: [...VOICE_NODE_FLAGS, ...profileFlags(options, 'ours')],
    logFile: join(workDir, 'ours.log'),
    env: childProcessEnv({
      LOG_LEVEL: 'warn',
      VOICE_PORT: String(port),
      PUBLIC_URL: serverUrl,
      DATABASE_URL: `file:${join(workDir, 'voice.db')}`,
      CALL_LOG_OUTBOX_DIR: join(workDir, 'call-log-outbox'),
      // As `npm start` runs it: the cold path (post-call analysis, notifications) in its own worker process.
      WORKER: options.embeddedWorker ? 'embedded' : 'off',
      ENGINE: 'openai',
      OPENAI_API_KEY: 'sk-bench-fake',
      OPENAI_REALTIME_URL: realtimeUrl,
      OPENAI_BASE_URL: `${realtimeUrl.replace(/^ws/, 'http').replace(/\/v1\/realtime.*$/, '')}/v1`,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      SESSION_SECRET: 'bench-session-secret-bench-session-secret',
      // The load itself is the point here: lift the flood limits (one business, one source).
      VOICE_MAX_CONCURRENT_CALLS: '100000',
      VOICE_MAX_CONCURRENT_CALLS_PER_BUSINESS: '100000',
      VOICE_WEBHOOKS_PER_SOURCE_PER_MINUTE: '1000000',
    }),
  });
  await waitForHealthy(`${serverUrl}/healthz`, child, 60_000);
  return { label: 'ours: apps/voice (ENGINE=openai)', child, serverUrl };
}

export const SCRIPT_RELAYS = {
  // Run as the Agents SDK documents it: Node's defaults.
  peer: {
    script: 'bench/calls-peer-relay.ts',
    label: 'peer: @openai/agents-extensions TwilioRealtimeTransportLayer + RealtimeSession',
    nodeFlags: [],
  },
  // The lower bound of a relay like ours, so with the scavenge setting ours sets for itself (gc-tuning.ts).
  floor: {
    script: 'bench/calls-floor-relay.ts',
    label: 'floor: bare ws relay (JSON in, JSON out, marks; nothing else)',
    nodeFlags: ['--no-parallel-scavenge'],
  },
} as const;

/** A relay that is one script taking the realtime URL and reporting {type:'listening', port}. */
export async function startScriptRelay(
  which: keyof typeof SCRIPT_RELAYS,
  workDir: string,
  realtimeUrl: string,
  options: Options,
): Promise<RelayUnderTest> {
  const child = startNodeChild({
    script: SCRIPT_RELAYS[which].script,
    args: [realtimeUrl],
    preload: ['./bench/calls-probe.ts'],
    nodeFlags: [...SCRIPT_RELAYS[which].nodeFlags, ...profileFlags(options, which)],
    logFile: join(workDir, `${which}.log`),
  });
  const { port } = await child.waitFor<{ type: string; port: number }>('listening');
  const serverUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(`${serverUrl}/healthz`, child, 30_000);
  return { label: SCRIPT_RELAYS[which].label, child, serverUrl };
}
