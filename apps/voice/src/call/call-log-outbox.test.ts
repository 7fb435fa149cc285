import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { forBusiness } from '@receptionist/db';
import {
  createTestBusiness,
  createTestCall,
  createTestDatabase,
  type TestDatabase,
} from '@receptionist/db/testing';
import { closeDatabase, openDatabase } from '@receptionist/domain';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoiceMetrics } from '../metrics.ts';
import { CallLogOutbox } from './call-log-outbox.ts';
import { OutboxFile } from './call-log-outbox-file.ts';
import { recoverCallLogOutboxes } from './call-log-recovery.ts';
import { CallLogWriter } from './call-log-writer.ts';

const logger = pino({ level: 'silent' });
let test: TestDatabase;
let dir: string;
let child: ChildProcess | undefined;
beforeEach(async () => {
  test = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await test.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** A second writer on the file, as the dashboard is: it holds the write lock until released. */
async function holdWriteLock(url: string) {
  const other = createClient({ url });
  const tx = await other.transaction('write');
  await tx.execute("insert into stream_tokens (id, expires_at, used_at) values ('held', 1, 1)");
  return {
    release: async () => {
      await tx.commit();
      other.close();
    },
  };
}

async function turnsOf(businessId: string, callId: string) {
  const row = await forBusiness(test.db, businessId).calls.get(callId);
  return (row?.turns ?? []).map((turn) => turn.text);
}

describe('the call log outbox', () => {
  it('keeps the event loop free while another writer holds the lock, and lands every line after', async () => {
    const business = await createTestBusiness(test.db);
    const call = await createTestCall(test.db, business.id);
    // A short wait per attempt, so the outbox's own retries (not one long wait) carry the lines through.
    const db = await openDatabase({ url: test.url, busyTimeoutMs: 100, migrate: false });
    const metrics = new VoiceMetrics();
    const outbox = new CallLogOutbox({ db, logger, metrics, firstRetryPauseMs: 20, maxRetryPauseMs: 100 });
    const writer = new CallLogWriter({ outbox, businessId: business.id, callId: call.id });
    const holder = await holdWriteLock(test.url);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    try {
      for (let index = 1; index <= 6; index++) {
        writer.turn({ role: index % 2 === 0 ? 'agent' : 'caller', text: `line ${index}` });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(outbox.pending).toBe(6);
      await holder.release();
      await writer.flush();
      delay.disable();
      expect(delay.max / 1e6).toBeLessThan(100);
      expect(await turnsOf(business.id, call.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `line ${n}`));
      const retries = (await metrics.errors.get()).values.find(
        (value) => value.labels.kind === 'call_log_write_retry',
      );
      expect(retries?.value).toBeGreaterThan(0);
    } finally {
      closeDatabase(db);
    }
  });

  it('survives kill -9 mid-call: the lines in its file land once the next process starts', async () => {
    const business = await createTestBusiness(test.db);
    const call = await createTestCall(test.db, business.id, { status: 'in_progress' });
    // Line 1 landed just before the crash (its outbox line was not yet cleared): it must not be doubled.
    await forBusiness(test.db, business.id).calls.appendTurn(call.id, {
      role: 'caller',
      text: 'line 1',
      endedAtMs: 1_001,
    });
    const script = fileURLToPath(new URL('../testing/outbox-crash-child.ts', import.meta.url));
    child = fork(script, [test.url, dir, business.id, call.id, '5'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const running = child;
    const nextMessage = () =>
      new Promise<void>((resolve, reject) => {
        running.once('message', () => resolve());
        running.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
    await nextMessage();
    const holder = await holdWriteLock(test.url);
    running.send({ type: 'journal' });
    await nextMessage();
    running.kill('SIGKILL');
    await new Promise((resolve) => running.once('exit', resolve));
    await holder.release();
    expect(await turnsOf(business.id, call.id)).toEqual(['line 1']);

    const file = await OutboxFile.create(dir, logger);
    const outbox = new CallLogOutbox({ db: test.db, file, logger, metrics: new VoiceMetrics() });
    const recovered = await recoverCallLogOutboxes({ dir, outbox, file, logger, timeoutMs: 10_000 });
    expect(recovered).toBe(5);
    expect(await turnsOf(business.id, call.id)).toEqual([1, 2, 3, 4, 5].map((n) => `line ${n}`));
    await outbox.close(1_000);
    // The dead process's file is gone; ours is empty once everything landed.
    expect(readdirSync(dir)).toEqual([file.path.split('/').at(-1)]);
  });

  it('lets the event loop run between slices of a large batch (call audio never waits for a whole batch)', async () => {
    const business = await createTestBusiness(test.db);
    const call = await createTestCall(test.db, business.id);
    const outbox = new CallLogOutbox({ db: test.db, logger, metrics: new VoiceMetrics(), batchWindowMs: 0 });
    const writer = new CallLogWriter({ outbox, businessId: business.id, callId: call.id });
    // A burst, as when many calls arrive together: one batch of 300 entries, four statements each.
    for (let index = 1; index <= 300; index++) writer.turn({ role: 'caller', text: `line ${index}` });
    // Counts the loop's turns (each a macrotask) while the batch is being written.
    let turnsDuringBatch = 0;
    const spin = (): void => {
      if (outbox.pending === 0) return;
      turnsDuringBatch++;
      setImmediate(spin);
    };
    setImmediate(spin);
    await writer.flush();
    expect((await turnsOf(business.id, call.id)).length).toBe(300);
    // Without slicing the batch is one task: the loop turns once before it starts and once after.
    expect(turnsDuringBatch).toBeGreaterThan(5);
  });

  it('rolls back only the refused entry of a batch: the others land, in order', async () => {
    const business = await createTestBusiness(test.db);
    const call = await createTestCall(test.db, business.id);
    const metrics = new VoiceMetrics();
    const outbox = new CallLogOutbox({ db: test.db, logger, metrics });
    const writer = new CallLogWriter({ outbox, businessId: business.id, callId: call.id });
    const ghost = new CallLogWriter({ outbox, businessId: business.id, callId: 'call_that_does_not_exist' });
    // Queued in one tick: one batch, with a refused entry between good ones.
    writer.turn({ role: 'caller', text: 'line 1' });
    ghost.turn({ role: 'caller', text: 'nobody' });
    writer.turn({ role: 'agent', text: 'line 2' });
    await outbox.whenDone();
    expect(await turnsOf(business.id, call.id)).toEqual(['line 1', 'line 2']);
    const rejected = (await metrics.errors.get()).values.find(
      (value) => value.labels.kind === 'call_log_write_rejected',
    );
    expect(rejected?.value).toBe(1);
  });

  it("lands the lines of many calls together, each call's lines in order and before its end", async () => {
    const business = await createTestBusiness(test.db);
    const calls = await Promise.all([1, 2, 3].map(() => createTestCall(test.db, business.id)));
    const outbox = new CallLogOutbox({ db: test.db, logger, metrics: new VoiceMetrics() });
    const writers = calls.map(
      (call) => new CallLogWriter({ outbox, businessId: business.id, callId: call.id }),
    );
    // Queued in one tick, interleaved as calls speak at once; the first call ends half way.
    for (const line of [1, 2, 3]) {
      for (const [index, writer] of writers.entries()) {
        if (index === 0 && line === 3) continue;
        writer.turn({ role: line % 2 === 1 ? 'caller' : 'agent', text: `call ${index} line ${line}` });
      }
      if (line === 2) writers[0]?.end('completed', 'caller_hangup', new Set());
    }
    await outbox.whenDone();
    for (const [index, call] of calls.entries()) {
      const lines = index === 0 ? [1, 2] : [1, 2, 3];
      expect(await turnsOf(business.id, call.id)).toEqual(lines.map((line) => `call ${index} line ${line}`));
      const detail = await forBusiness(test.db, business.id).calls.get(call.id);
      expect(detail?.turns.map((turn) => turn.sequence)).toEqual(lines);
    }
    const first = await forBusiness(test.db, business.id).calls.get(calls[0]!.id);
    expect(first).toMatchObject({ status: 'completed', endReason: 'caller_hangup' });
  });
});
