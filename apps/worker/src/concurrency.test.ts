import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeDatabase, type Database, enqueueJob, openDatabase } from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerTestDatabase, waitFor } from './testing/harness.ts';
import { createWorker } from './worker.ts';

const WORKER_PROCESS = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'worker-process.ts');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const JOBS = 200;

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let tenant: Awaited<ReturnType<typeof createTestReceptionistBusiness>>['tenant'];
const children: ChildProcess[] = [];

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  tenant = (await createTestReceptionistBusiness(database.db)).tenant;
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  database.cleanup();
});

async function enqueueMany(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const job = await enqueueJob({
      ctx: { tenant, nowMs: 0 },
      input: { kind: 'call.ended', payload: { callId: `call_${index}` } },
    });
    ids.push(job.id);
  }
  return ids;
}

async function countDone(): Promise<number> {
  return (await tenant.jobs.list({ status: 'done' })).length;
}

/** Each id's number of handler runs. */
function tally(ids: readonly string[]): Map<string, number> {
  const runs = new Map<string, number>();
  for (const id of ids) runs.set(id, (runs.get(id) ?? 0) + 1);
  return runs;
}

function startProcess(options: { workerId: string; leaseMs: number; hangOnCallId?: string }): {
  child: ChildProcess;
  ran: string[];
  ready: Promise<void>;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, WORKER_PROCESS, JSON.stringify({ url: database.url, ...options })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const ran: string[] = [];
  let buffered = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') markReady();
      else if (line.startsWith('ran ')) ran.push(line.slice('ran '.length));
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ran, ready, exited };
}

describe('several workers on one database', () => {
  it(`run each of ${JOBS} jobs exactly once (three workers, three connections, one process)`, async () => {
    const ids = await enqueueMany(JOBS);
    const ran: string[] = [];
    const connections: Database[] = [];
    const workers = [];
    for (let index = 0; index < 3; index += 1) {
      const db = await openDatabase({ url: database.url, migrate: false });
      connections.push(db);
      workers.push(
        createWorker({
          db,
          handlers: {
            'call.ended': async ({ job }) => {
              ran.push(job.id);
              await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
            },
          },
          now: Date.now,
          random: Math.random,
          logger: pino({ level: 'silent' }),
          concurrency: 4,
          pollIntervalMs: 5,
          leaseMs: 60_000,
          maxAttempts: 3,
          workerId: `w${index}`,
        }),
      );
    }
    try {
      for (const worker of workers) worker.start();
      await waitFor(async () => (await countDone()) === JOBS, 60_000);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 5_000 })));
      for (const db of connections) closeDatabase(db);
    }
    const runs = tally(ran);
    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(ran)).toEqual(new Set(ids));
    expect((await tenant.jobs.list()).every((job) => job.attempts === 1)).toBe(true);
  });

  it(`run each of ${JOBS} jobs exactly once (three worker processes)`, async () => {
    const ids = await enqueueMany(JOBS);
    const processes = ['p1', 'p2', 'p3'].map((workerId) => startProcess({ workerId, leaseMs: 60_000 }));
    await Promise.all(processes.map((worker) => worker.ready));
    await waitFor(async () => (await countDone()) === JOBS, 90_000);
    for (const worker of processes) worker.child.kill('SIGTERM');
    expect(await Promise.all(processes.map((worker) => worker.exited))).toEqual([0, 0, 0]);
    const ran = processes.flatMap((worker) => worker.ran);
    const runs = tally(ran);
    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(ran)).toEqual(new Set(ids));
    // More than one process did the work (otherwise this proves nothing about sharing).
    expect(processes.filter((worker) => worker.ran.length > 0).length).toBeGreaterThan(1);
  });

  it('a worker killed with SIGKILL mid-job loses that job to another worker once its lease expires', async () => {
    const [hung] = await enqueueMany(1);
    const victim = startProcess({ workerId: 'victim', leaseMs: 300, hangOnCallId: 'call_0' });
    await victim.ready;
    await waitFor(() => victim.ran.includes(hung!), 30_000);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const survivor = startProcess({ workerId: 'survivor', leaseMs: 60_000 });
    await waitFor(async () => (await countDone()) === 1, 30_000);
    survivor.child.kill('SIGTERM');
    await survivor.exited;
    expect(survivor.ran).toEqual([hung]);
    expect((await tenant.jobs.list())[0]).toMatchObject({ status: 'done', attempts: 2 });
  });
});
