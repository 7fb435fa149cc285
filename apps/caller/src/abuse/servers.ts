import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Supervisor } from '../../../../scripts/supervisor.ts';
import { freePort, waitForHttp } from '../../../voice/src/testing/loopback-processes.ts';
import { SmtpSink } from '../../../worker/src/testing/smtp-sink.ts';
import { serverEnv } from './env.ts';

/** The product as `npm start` runs it — voice server and built dashboard, one process each — on loopback. */
export interface RunningProduct {
  webUrl: string;
  voiceUrl: string;
  databaseUrl: string;
  webSecret: string;
  authToken: string;
  accountSid: string;
  voiceOutput: () => string;
  webOutput: () => string;
  /** The SMTP server the dashboard sends account emails to (a real one on loopback, keeping mail in memory). */
  smtp: SmtpSink;
  stopVoice: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>;
  stopAll: () => Promise<void>;
}

function capture(child: ChildProcess): () => string {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

export async function startProduct(options: {
  root: string;
  workDir: string;
  distDir: string;
  accountSid: string;
}): Promise<RunningProduct> {
  const [voicePort, webPort] = [await freePort(), await freePort()];
  const voiceUrl = `http://127.0.0.1:${voicePort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const databaseUrl = `file:${join(options.workDir, 'abuse.db')}`;
  const webSecret = randomBytes(32).toString('hex');
  const authToken = randomBytes(16).toString('hex');
  const supervisor = new Supervisor({ graceMs: 2_000, log: () => {} });
  const voice = supervisor.start({
    name: 'voice server',
    command: process.execPath,
    args: ['--import', 'tsx', 'apps/voice/src/main.ts'],
    cwd: options.root,
    // No SESSION_SECRET, not production: the voice server must use a per-install secret, not a default.
    env: serverEnv({
      NODE_ENV: 'development',
      SESSION_SECRET: undefined,
      DEV_SECRETS_DIR: join(options.workDir, 'data'),
      DATABASE_URL: databaseUrl,
      VOICE_PORT: String(voicePort),
      PUBLIC_URL: voiceUrl,
      ENGINE: 'local',
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_ACCOUNT_SID: options.accountSid,
      TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
      ALLOWED_ORIGINS: webUrl,
      LOG_LEVEL: 'info',
      OPENAI_API_KEY: '',
      METRICS_TOKEN: undefined,
    }),
    drainTimeoutMs: 30_000,
    stdio: 'pipe',
  });
  const voiceOutput = capture(voice);
  await waitForHttp(`${voiceUrl}/healthz`, voice, {
    name: 'the voice server',
    output: voiceOutput,
    timeoutMs: 90_000,
  });
  const smtp = await SmtpSink.start();
  const web = supervisor.start({
    name: 'dashboard',
    command: process.execPath,
    args: [
      join(options.root, 'node_modules/next/dist/bin/next'),
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      String(webPort),
    ],
    cwd: join(options.root, 'apps/web'),
    env: serverEnv({
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: webSecret,
      VOICE_URL: voiceUrl,
      PUBLIC_URL: voiceUrl,
      NEXT_DIST_DIR: options.distDir,
      GOOGLE_CLIENT_ID: '',
      GOOGLE_CLIENT_SECRET: '',
      // Email on: accounts verify their address, invitations are emailed.
      SMTP_URL: smtp.url,
      NEXT_TELEMETRY_DISABLED: '1',
    }),
    drainTimeoutMs: 5_000,
    stdio: 'pipe',
  });
  const webOutput = capture(web);
  await waitForHttp(`${webUrl}/sign-in`, web, {
    name: 'the dashboard',
    output: webOutput,
    timeoutMs: 90_000,
  });

  let voiceStop:
    | Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>
    | undefined;
  const stopVoice = () => {
    voiceStop ??= (async () => {
      const startedMs = Date.now();
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        if (voice.exitCode !== null || voice.signalCode !== null)
          resolve({ code: voice.exitCode, signal: voice.signalCode });
        voice.once('exit', (code, signal) => resolve({ code, signal }));
      });
      // What `npm start` does on Ctrl-C: the supervisor's stop, SIGTERM once, wait for the drain.
      await supervisor.stop();
      return { ...(await exited), elapsedMs: Date.now() - startedMs };
    })();
    return voiceStop;
  };
  return {
    webUrl,
    voiceUrl,
    databaseUrl,
    webSecret,
    authToken,
    accountSid: options.accountSid,
    voiceOutput,
    webOutput,
    smtp,
    stopVoice,
    stopAll: async () => {
      await supervisor.stop();
      await smtp.stop();
    },
  };
}
