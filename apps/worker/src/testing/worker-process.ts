// A worker in its own process, for the tests that several workers on one database run each job once, and
// that a worker killed with SIGKILL loses its jobs to the others. Usage (JSON on argv):
//   node --import tsx worker-process.ts '{"url","workerId","leaseMs","hangOnCallId"?}'
// Prints `ready`, then `ran <jobId>` as each handler starts; stops gracefully on SIGTERM.
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, openDatabase } from '@receptionist/domain';
import pino from 'pino';
import { z } from 'zod';
import { createWorker } from '../worker.ts';

const Options = z.object({
  url: z.string(),
  workerId: z.string(),
  leaseMs: z.number().int().positive(),
  /** The handler never returns for this call id (so the test can kill the process mid-job). */
  hangOnCallId: z.string().optional(),
});

async function main(): Promise<void> {
  const options = Options.parse(JSON.parse(process.argv[2] ?? '{}'));
  const db = await openDatabase({ url: options.url, migrate: false });
  const worker = createWorker({
    db,
    handlers: {
      'call.ended': async ({ job, payload }) => {
        process.stdout.write(`ran ${job.id}\n`);
        if (payload.callId === options.hangOnCallId) await new Promise(() => undefined);
        // A little work, so claims, runs and completions of the processes interleave.
        await sleep(Math.floor(Math.random() * 3));
      },
    },
    now: Date.now,
    random: Math.random,
    logger: pino({ level: 'silent' }),
    concurrency: 4,
    pollIntervalMs: 5,
    leaseMs: options.leaseMs,
    maxAttempts: 3,
    workerId: options.workerId,
  });
  worker.start();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void worker.stop({ timeoutMs: 5_000 }).then(() => {
      closeDatabase(db);
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
