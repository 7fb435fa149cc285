import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, type Database, openDatabase } from '@receptionist/domain';
import pino, { type Logger } from 'pino';

/** A migrated database in its own temp directory; open more connections on `url` to act as other workers. */
export async function createWorkerTestDatabase(): Promise<{
  db: Database;
  url: string;
  cleanup(): void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'receptionist-worker-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = await openDatabase({ url });
  return {
    db,
    url,
    cleanup() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A logger whose records a test can read. */
export function createCapturingLogger(): { logger: Logger; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        records.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, records };
}

/** Resolves once `condition` holds, checking every few ms; throws after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
