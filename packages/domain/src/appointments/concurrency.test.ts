import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeDatabase, type Database, forBusiness, openDatabase } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { loadBusinessProfile } from '../profile/store.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { bookAppointment } from './book.ts';

const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const SLOT = { service: 'Cleaning', date: '2030-01-08', time: '10:00' };
const WORKER = join(dirname(fileURLToPath(import.meta.url)), '..', 'testing', 'booking-worker.ts');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let database: TestDatabase;
let businessId: string;
const extraClients: Database[] = [];
const children: ChildProcess[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createTestReceptionistBusiness(database.db)).business.id;
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const client of extraClients.splice(0)) closeDatabase(client);
  await database.cleanup();
});

async function liveBookings(): Promise<number> {
  const rows = await forBusiness(database.db, businessId).appointments.list({
    fromMs: 0,
    toMs: Number.MAX_SAFE_INTEGER,
    status: 'booked',
  });
  return rows.length;
}

describe('concurrent booking of one slot', () => {
  it('lets exactly one of several clients on the same file win; the others hear it was just taken', async () => {
    const clients = await Promise.all([1, 2, 3, 4, 5, 6].map(() => openDatabase({ url: database.url })));
    extraClients.push(...clients);
    const outcomes = await Promise.allSettled(
      clients.map(async (client, index) => {
        const tenant = forBusiness(client, businessId);
        const profile = await loadBusinessProfile(client, businessId);
        return bookAppointment({
          ctx: { tenant, profile, nowMs: NOW },
          input: { ...SLOT, customerName: `Caller ${index}`, phone: `+1202555010${index}` },
        });
      }),
    );
    const wins = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const losses = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(5);
    for (const loss of losses) {
      expect(loss).toBeInstanceOf(DomainError);
      expect((loss as DomainError).code).toBe('slot_taken');
    }
    expect(await liveBookings()).toBe(1);
    // The losers' customer rows were rolled back with their bookings.
    expect(await forBusiness(database.db, businessId).customers.list()).toHaveLength(1);
  });

  it('lets exactly one of several processes win the same slot', async () => {
    const goFile = `${database.path}.go`;
    // Three processes: enough for a real race, few enough to start quickly on a loaded 2-core machine.
    const workerCount = 3;
    const results = Array.from({ length: workerCount }, (_, index) =>
      runWorker({
        url: database.url,
        businessId,
        phone: `+1202555020${index}`,
        name: `Process ${index}`,
        ...SLOT,
        goFile,
        nowMs: NOW,
      }),
    );
    await Promise.all(results.map((result) => result.ready));
    writeFileSync(goFile, 'go');
    const outcomes = await Promise.all(results.map((result) => result.done));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code === 'slot_taken')).toHaveLength(
      workerCount - 1,
    );
    expect(await liveBookings()).toBe(1);
  }, 180_000);
});

function runWorker(job: Record<string, unknown>): {
  ready: Promise<void>;
  done: Promise<{ ok: boolean; code?: string }>;
} {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, WORKER, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<{ ok: boolean; code?: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((text) => text.startsWith('{'));
      if (code !== 0 || line === undefined) {
        reject(new Error(`booking worker exited ${code}: ${stderr}`));
        markReady();
        return;
      }
      resolve(JSON.parse(line) as { ok: boolean; code?: string });
    });
  });
  return { ready, done };
}
