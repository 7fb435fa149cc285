import { closeDatabase, type Database, forBusiness, openDatabase } from '@receptionist/db';
import { createTestCall, createTestDatabase, pinnedClock, type TestDatabase } from '@receptionist/db/testing';
import {
  DEMO_BUSINESS_ID,
  DEMO_PHONE_NUMBER,
  enqueueJob,
  seedDemoBusiness,
  tenantContext,
  touchLiveCalls,
  updateBusinessProfile,
} from '@receptionist/domain';
import { createScriptedEngine, type ScriptedEngine } from '@receptionist/engine/testing';
import {
  FakeTwilioCall,
  FakeTwilioClient,
  FakeTwilioRestServer,
  fakeSid,
} from '@receptionist/telephony/testing';
import { createWorker, type Worker } from '@receptionist/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCallsPage } from '../../web/src/server/queries/calls.ts';
import type { BusinessDirectory } from './business-directory.ts';
import { CALL_UNSEEN_AFTER_MS, closeAbandonedCalls } from './call-liveness.ts';
import { parseVoiceEnv } from './env.ts';
import { receptionistDirectory } from './receptionist-directory.ts';
import { createVoiceServer, type VoiceServer } from './server.ts';
import { CALLER_NUMBER, HARNESS_NOW, PUBLIC_URL } from './testing/voice-harness.ts';

/**
 * Past one machine: two voice servers, two workers and the dashboard's queries, each with its own libSQL
 * client, sharing one remote database (a loopback Hrana-over-HTTP server, as Turso would be). Always
 * remote, whatever TEST_DATABASE says.
 */

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const now = pinnedClock(HARNESS_NOW);
const silent = pino({ level: 'silent' });

interface VoiceNode {
  name: string;
  db: Database;
  voice: VoiceServer;
  directory: BusinessDirectory;
  engine: ScriptedEngine;
  twilio: FakeTwilioClient;
}

let remote: TestDatabase;
let twilioRest: FakeTwilioRestServer;
const nodes: VoiceNode[] = [];
const extraClients: Database[] = [];

async function client(): Promise<Database> {
  // Each "process" opens its own client on the URL, migrations already applied by the first.
  const db = await openDatabase({ url: remote.url, migrate: false });
  extraClients.push(db);
  return db;
}

async function startVoiceNode(name: string, accountSid: string): Promise<VoiceNode> {
  const db = await client();
  const { env } = parseVoiceEnv({
    NODE_ENV: 'test',
    PUBLIC_URL,
    ENGINE: 'local',
    WORKER: 'off',
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_API_BASE_URL: twilioRest.url,
    // Both servers share the secret, as replicas behind one public URL do: a token minted by one verifies on the other.
    SESSION_SECRET: 'test-session-secret-0123456789abcdefghij',
    LOG_LEVEL: 'silent',
  });
  const engine = createScriptedEngine({ greeting: { text: `Hello from ${name}.`, audioMs: 100 } });
  // Each replica caches profiles and numbers, looking for other processes' changes every 50 ms here.
  const directory = receptionistDirectory(db, now, { refreshMs: 50 });
  const voice = createVoiceServer({
    env,
    db,
    engineFactory: () => ({ primary: engine }),
    logger: silent,
    directory,
    now,
  });
  const port = await voice.listen(0, '127.0.0.1');
  const twilio = new FakeTwilioClient({
    serverUrl: `http://127.0.0.1:${port}`,
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    accountSid,
  });
  const node = { name, db, voice, engine, twilio, directory };
  nodes.push(node);
  return node;
}

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = performance.now() + 15_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Twilio rings `answering`, then connects the TwiML's stream to `streaming`: another replica. */
async function callAcross(answering: VoiceNode, streaming: VoiceNode) {
  const callSid = fakeSid('CA');
  const answer = await answering.twilio.postVoiceWebhook({
    from: CALLER_NUMBER,
    to: DEMO_PHONE_NUMBER,
    callSid,
  });
  expect(answer.status).toBe(200);
  const streamUrl = answer.twiml.stream?.url;
  if (streamUrl === undefined) throw new Error(`no stream in ${answer.body}`);
  const call = new FakeTwilioCall({ callSid, accountSid: streaming.twilio.accountSid, answer });
  await call.attach(streaming.twilio.openStream(streamUrl));
  call.sendConnected();
  call.sendStart();
  const callId = answer.twiml.stream?.parameters.callId ?? '';
  return { call, callSid, callId, streamUrl, answer };
}

beforeAll(async () => {
  remote = await createTestDatabase({ kind: 'hrana' });
  await seedDemoBusiness(remote.db);
  twilioRest = await FakeTwilioRestServer.start();
  const accountSid = fakeSid('AC');
  await startVoiceNode('A', accountSid);
  await startVoiceNode('B', accountSid);
});

afterAll(async () => {
  for (const node of nodes.splice(0)) await node.voice.close();
  for (const db of extraClients.splice(0)) closeDatabase(db);
  await twilioRest?.close();
  await remote?.cleanup();
});

describe('two voice servers, two workers and the dashboard on one remote database', () => {
  it('serves the database over http://, not a file', () => {
    expect(remote.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers the webhook on A, streams the call on B, and refuses the token a second time on A', async () => {
    const [a, b] = nodes as [VoiceNode, VoiceNode];
    const { call, callSid, callId, streamUrl, answer } = await callAcross(a, b);
    await call.waitForAudio(100 * 8);
    expect(b.engine.last?.config.callerNumber).toBe(CALLER_NUMBER);

    // The single-use token was claimed by B through the shared database: A, which never saw it presented,
    // upgrades (audio may flow while a claim runs) and closes the stream when its claim fails.
    const replay = new FakeTwilioCall({ callSid, accountSid: a.twilio.accountSid, answer });
    await replay.attach(a.twilio.openStream(streamUrl));
    replay.sendConnected();
    replay.sendStart();
    expect(await replay.waitForClose()).toBe(1008);
    expect(replay.receivedBytes).toBe(0);
    // B saw it presented: refused before the upgrade.
    const again = new FakeTwilioCall({ callSid, accountSid: b.twilio.accountSid, answer });
    await expect(again.attach(b.twilio.openStream(streamUrl))).rejects.toThrow(/HTTP 403/);

    // The call row A started is the one B logs into, and the dashboard's query sees it live.
    const dashboard = await client();
    const live = await until(
      () => forBusiness(dashboard, DEMO_BUSINESS_ID).calls.get(callId),
      (row) => (row?.turns.length ?? 0) >= 1,
      'the greeting turn logged by B',
    );
    expect(live).toMatchObject({ status: 'in_progress', twilioCallSid: callSid });
    expect(live?.turns[0]?.text).toBe('Hello from B.');

    call.stop();
    await until(
      () => forBusiness(dashboard, DEMO_BUSINESS_ID).calls.get(callId),
      (row) => row?.endedAt !== null,
      'the call to end',
    );
    const page = await listCallsPage(dashboard, DEMO_BUSINESS_ID, {});
    expect(page.calls.map((row) => row.id)).toContain(callId);
    expect(call.protocolErrors).toEqual([]);
  });

  it('runs every job exactly once across two workers on separate clients', async () => {
    const producer = await client();
    const tenant = forBusiness(producer, DEMO_BUSINESS_ID);
    const ids: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const job = await enqueueJob({
        ctx: { tenant, nowMs: 0 },
        input: { kind: 'call.ended', payload: { callId: `call_remote_${index}` } },
      });
      ids.push(job.id);
    }
    const runs = new Map<string, string[]>();
    const workers: Worker[] = [];
    for (const workerId of ['worker-1', 'worker-2']) {
      workers.push(
        createWorker({
          db: await client(),
          handlers: {
            'call.ended': async ({ job }) => {
              runs.set(job.id, [...(runs.get(job.id) ?? []), workerId]);
              await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
            },
          },
          now: Date.now,
          random: Math.random,
          logger: silent,
          concurrency: 4,
          pollIntervalMs: 5,
          leaseMs: 30_000,
          maxAttempts: 3,
          workerId,
        }),
      );
    }
    for (const worker of workers) worker.start();
    try {
      await until(
        () => tenant.jobs.list(),
        (jobs) => jobs.filter((job) => ids.includes(job.id) && job.status === 'done').length === ids.length,
        'every job to be done',
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 5_000 })));
    }
    // The earlier call's own call.ended job ran too; every job ran, none twice.
    expect(ids.filter((id) => !runs.has(id))).toEqual([]);
    expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
    // Both workers took part: the database, not one process, shared the work out.
    expect(new Set([...runs.values()].flat()).size).toBe(2);
  });

  it('shows a profile change made through a domain verb to both servers on their next call', async () => {
    const [a, b] = nodes as [VoiceNode, VoiceNode];
    const dashboard = await client();
    // Both servers have answered and streamed with the old profile (anything they cache is warm).
    for (const [answering, streaming] of [
      [a, b],
      [b, a],
    ] as const) {
      const { call } = await callAcross(answering, streaming);
      await call.waitForAudio(100 * 8);
      expect(streaming.engine.last?.config.greeting).not.toBe('Thanks for calling the new Bright Smile.');
      call.stop();
    }
    await updateBusinessProfile({
      ctx: tenantContext(dashboard, DEMO_BUSINESS_ID, { kind: 'system' }),
      input: { greeting: 'Thanks for calling the new Bright Smile.' },
    });
    // Each replica notices the change within its refresh, from the shared database alone.
    for (const node of [a, b]) {
      await until(
        () => node.directory.load(DEMO_BUSINESS_ID, { callId: 'cal_probe' }),
        (business) => business.greeting === 'Thanks for calling the new Bright Smile.',
        `${node.name} to see the new profile`,
      );
    }
    for (const [answering, streaming] of [
      [a, b],
      [b, a],
    ] as const) {
      const { call } = await callAcross(answering, streaming);
      await call.waitForAudio(100 * 8);
      expect(streaming.engine.last?.config.greeting).toBe('Thanks for calling the new Bright Smile.');
      call.stop();
    }
  });

  it("never closes another server's live call when a server starts up, only calls nobody reports", async () => {
    const [a, b] = nodes as [VoiceNode, VoiceNode];
    const dashboard = await client();
    const calls = forBusiness(dashboard, DEMO_BUSINESS_ID).calls;
    const { call, callId } = await callAcross(a, b);
    await call.waitForAudio(100 * 8);
    // The call row (A's webhook) and its answer (B's stream) reach the database through each one's call log.
    await Promise.all([a.voice.callLogSettled(), b.voice.callLogSettled()]);
    await b.voice.heartbeat();
    expect((await calls.get(callId))?.lastSeenAt).toBe(now());

    const longAgo = Date.now() - CALL_UNSEEN_AFTER_MS - 60_000;
    const abandoned = await createTestCall(dashboard, DEMO_BUSINESS_ID, {
      status: 'in_progress',
      startedAt: longAgo,
    });
    const longButReported = await createTestCall(dashboard, DEMO_BUSINESS_ID, {
      status: 'in_progress',
      startedAt: longAgo,
    });
    await touchLiveCalls({
      ctx: { db: dashboard, nowMs: Date.now() },
      input: { callIds: [longButReported.id] },
    });

    // What A's main.ts runs when A (re)starts beside B.
    const closed = await closeAbandonedCalls(a.db, Date.now());
    expect(closed.map((row) => row.id)).toEqual([abandoned.id]);
    expect(await calls.get(abandoned.id)).toMatchObject({
      status: 'interrupted',
      endReason: 'voice_server_lost',
    });
    expect((await calls.get(callId))?.status).toBe('in_progress');
    expect((await calls.get(longButReported.id))?.status).toBe('in_progress');
    call.stop();
  });
});
