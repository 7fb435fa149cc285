import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, enqueueJob, openDatabase } from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError } from './errors.ts';
import { createDefaultHandlers, type JobHandlers } from './handlers/index.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from './testing/harness.ts';
import { createWorker, type Worker, type WorkerOptions } from './worker.ts';

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let tenant: Awaited<ReturnType<typeof createTestReceptionistBusiness>>['tenant'];
let businessId: string;
const workers: Worker[] = [];

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  const created = await createTestReceptionistBusiness(database.db);
  tenant = created.tenant;
  businessId = created.business.id;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 0 })));
  database.cleanup();
});

function startWorker(handlers: JobHandlers, overrides: Partial<WorkerOptions> = {}): Worker {
  const worker = createWorker({
    db: database.db,
    handlers,
    now: Date.now,
    random: () => 0.5,
    logger: createCapturingLogger().logger,
    concurrency: 2,
    pollIntervalMs: 10,
    leaseMs: 60_000,
    maxAttempts: 3,
    ...overrides,
  });
  workers.push(worker);
  worker.start();
  return worker;
}

async function enqueueCallEnded(callId: string, runAt = 0) {
  return enqueueJob({ ctx: { tenant, nowMs: 0 }, input: { kind: 'call.ended', payload: { callId }, runAt } });
}

async function jobStatus(jobId: string) {
  return (await tenant.jobs.list()).find((job) => job.id === jobId);
}

describe('worker', () => {
  it('runs each job with its kind’s handler, once, and marks it done', async () => {
    const seen: string[] = [];
    const job = await enqueueCallEnded('call_1');
    startWorker({
      'call.ended': async ({ payload, job: claimed }) => {
        seen.push(`${claimed.businessId}:${payload.callId}:${claimed.attempt}`);
      },
    });
    await waitFor(async () => (await jobStatus(job.id))?.status === 'done');
    expect(seen).toEqual([`${businessId}:call_1:1`]);
    expect(await jobStatus(job.id)).toMatchObject({ attempts: 1, lockedBy: null, leaseUntil: null });
  });

  it('dead-letters a kind it has no handler for, and a payload that does not fit, without retrying', async () => {
    const unknown = await tenant.jobs.enqueue({ kind: 'calendar.sync', payload: {}, runAt: 0 });
    const malformed = await tenant.jobs.enqueue({ kind: 'call.ended', payload: { call: 'x' }, runAt: 0 });
    let runs = 0;
    startWorker(
      {
        'call.ended': async () => {
          runs += 1;
        },
      },
      { maxAttempts: 5 },
    );
    await waitFor(async () => (await tenant.jobs.list({ status: 'failed' })).length === 2);
    expect(await jobStatus(unknown.id)).toMatchObject({
      deadReason: 'unknown_kind',
      attempts: 1,
      lastError: 'no handler for job kind "calendar.sync" (this worker handles: call.ended)',
    });
    expect(await jobStatus(malformed.id)).toMatchObject({ deadReason: 'invalid_payload', attempts: 1 });
    expect((await jobStatus(malformed.id))?.lastError).toMatch(/^invalid call\.ended payload: callId:/);
    expect(runs).toBe(0);
  });

  it('retries a failing job after a jittered backoff on the injected clock, then dead-letters it', async () => {
    let clockMs = 1_000;
    const attempts: number[] = [];
    const job = await enqueueCallEnded('call_1', 1_000);
    startWorker(
      {
        'call.ended': async ({ job: claimed }) => {
          attempts.push(claimed.attempt);
          throw new Error('summary service unavailable');
        },
      },
      { now: () => clockMs, random: () => 0, backoff: { baseMs: 1_000, maxMs: 60_000 }, maxAttempts: 3 },
    );
    await waitFor(async () => (await jobStatus(job.id))?.status === 'queued' && attempts.length === 1);
    // Equal jitter with random() = 0: half of 1 s after the first failure, half of 2 s after the second.
    expect((await jobStatus(job.id))?.runAt).toBe(1_500);
    await sleep(50);
    expect(attempts).toEqual([1]);
    clockMs = 1_500;
    await waitFor(async () => attempts.length === 2 && (await jobStatus(job.id))?.status === 'queued');
    expect((await jobStatus(job.id))?.runAt).toBe(2_500);
    clockMs = 2_500;
    await waitFor(async () => (await jobStatus(job.id))?.status === 'failed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(await jobStatus(job.id)).toMatchObject({
      deadReason: 'attempts_exhausted',
      lastError: 'Error: summary service unavailable',
    });
  });

  it('a handler’s PermanentJobError dead-letters at once', async () => {
    const job = await enqueueCallEnded('call_1');
    startWorker({
      'call.ended': async () => {
        throw new PermanentJobError('the call was deleted');
      },
    });
    await waitFor(async () => (await jobStatus(job.id))?.status === 'failed');
    expect(await jobStatus(job.id)).toMatchObject({ deadReason: 'permanent_error', attempts: 1 });
  });

  it('renews the lease of a long job, so another worker never takes it over', async () => {
    const job = await enqueueCallEnded('call_1');
    let runs = 0;
    const slow: JobHandlers = {
      'call.ended': async () => {
        runs += 1;
        await sleep(1_200);
      },
    };
    // The handler outlives the lease more than twice over; renewals every 50 ms keep it (slack for a busy CPU).
    startWorker(slow, { leaseMs: 500, renewEveryMs: 50, workerId: 'first' });
    await waitFor(async () => (await jobStatus(job.id))?.status === 'running');
    const other = await openDatabase({ url: database.url, migrate: false });
    try {
      startWorker(slow, { db: other, leaseMs: 500, workerId: 'second' });
      await waitFor(async () => (await jobStatus(job.id))?.status === 'done');
      expect(runs).toBe(1);
      expect(await jobStatus(job.id)).toMatchObject({ attempts: 1 });
    } finally {
      await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 1_000 })));
      closeDatabase(other);
    }
  });

  it('a job whose lease was taken over is finished by the new worker; the old one’s late result is dropped', async () => {
    const job = await enqueueCallEnded('call_1');
    let releaseOld!: () => void;
    const oldMayFinish = new Promise<void>((resolve) => {
      releaseOld = resolve;
    });
    const old = createCapturingLogger();
    // The old worker stops renewing (as if frozen) and fails late; its clock is behind the new one's.
    startWorker(
      {
        'call.ended': async () => {
          await oldMayFinish;
          throw new Error('late failure');
        },
      },
      { now: () => 0, leaseMs: 1_000, renewEveryMs: 3_600_000, workerId: 'old', logger: old.logger },
    );
    await waitFor(async () => (await jobStatus(job.id))?.lockedBy === 'old');
    let newRuns = 0;
    startWorker(
      {
        'call.ended': async () => {
          newRuns += 1;
        },
      },
      { now: () => 5_000, leaseMs: 1_000, workerId: 'new' },
    );
    await waitFor(async () => (await jobStatus(job.id))?.status === 'done');
    releaseOld();
    await waitFor(() => old.records.some((record) => String(record.msg).includes('result dropped')));
    expect(newRuns).toBe(1);
    expect(await jobStatus(job.id)).toMatchObject({ status: 'done', attempts: 2, lastError: null });
  });

  it('stop() lets running jobs finish, then claims nothing more', async () => {
    const first = await enqueueCallEnded('call_1');
    let finished = 0;
    const worker = startWorker({
      'call.ended': async () => {
        await sleep(100);
        finished += 1;
      },
    });
    await waitFor(async () => (await jobStatus(first.id))?.status === 'running');
    expect(await worker.stop({ timeoutMs: 5_000 })).toEqual({ abandoned: 0 });
    expect(finished).toBe(1);
    expect((await jobStatus(first.id))?.status).toBe('done');
    const later = await enqueueCallEnded('call_2');
    await sleep(50);
    expect((await jobStatus(later.id))?.status).toBe('queued');
  });

  it('stop() abandons a job past the deadline, leaving it to be reclaimed when its lease expires', async () => {
    const job = await enqueueCallEnded('call_1');
    let aborted: unknown;
    const worker = startWorker({
      'call.ended': ({ signal }) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
            resolve();
          });
        }),
    });
    await waitFor(async () => (await jobStatus(job.id))?.status === 'running');
    expect(await worker.stop({ timeoutMs: 20 })).toEqual({ abandoned: 1 });
    await waitFor(() => aborted !== undefined);
    expect(aborted).toMatchObject({ code: 'shutdown' });
    await sleep(20);
    expect(await jobStatus(job.id)).toMatchObject({ status: 'running', lastError: null });
  });
});

describe('the call.ended handler', () => {
  it('analyses the ended call and completes; a call that no longer exists is dead-lettered', async () => {
    const call = await tenant.calls.create({ channel: 'browser', engine: 'local', status: 'in_progress' });
    await tenant.calls.end(call.id, { status: 'completed', endReason: 'caller_hangup' });
    const real = await enqueueCallEnded(call.id);
    const missing = await enqueueCallEnded('call_gone');
    startWorker(createDefaultHandlers());
    await waitFor(async () => (await tenant.jobs.list({ status: 'queued' })).length === 0);
    await waitFor(async () => (await tenant.jobs.list({ status: 'running' })).length === 0);
    expect((await jobStatus(real.id))?.status).toBe('done');
    expect(await jobStatus(missing.id)).toMatchObject({ status: 'failed', deadReason: 'permanent_error' });
    // A call where nothing was said still gets a summary (the deterministic one: no key here).
    expect((await tenant.calls.get(call.id))?.summary).toMatch(/^A caller called\. The caller said nothing/);
  });
});
