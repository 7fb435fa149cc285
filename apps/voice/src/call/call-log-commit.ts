import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database } from '../db-reads/index.ts';
import { applyCallLogEntry, type CallLogEntry, isPermanentFailure } from './call-log-entry.ts';
import { applyCallLogStep, planCallLogSteps } from './call-log-steps.ts';

/** An entry the domain refused (its index in the batch): rolled back alone, never retried. */
export interface CallLogRejection {
  index: number;
  error: unknown;
}

/** Where the outbox's batches are written: on this thread's connection, or by the call-log worker thread. */
export interface CallLogStore {
  /**
   * Commits a batch in one transaction and returns the entries the domain refused. Throws when the batch
   * failed for a reason that can pass (the database busy or unreachable): the outbox retries it whole.
   */
  commit(entries: readonly CallLogEntry[]): Promise<CallLogRejection[]>;
  close(): Promise<void>;
}

/**
 * One transaction for the batch. First without savepoints and with the lines of different calls in one
 * insert (call-log-steps.ts); if the domain refuses something, that transaction rolls back and the batch is
 * written again entry by entry with a savepoint each, so the refused entry is rolled back alone and
 * reported. Any other failure aborts the batch, to be retried. `pause` runs between items (the event
 * loop's turn, on the thread that carries calls).
 */
export async function commitCallLogBatch(
  db: Database,
  entries: readonly CallLogEntry[],
  pause: () => Promise<void> | undefined = () => undefined,
): Promise<CallLogRejection[]> {
  try {
    const steps = planCallLogSteps(entries);
    await db.transaction(async (tx) => {
      for (const step of steps) {
        await pause();
        await applyCallLogStep(tx, step);
      }
    });
    return [];
  } catch (error) {
    if (!isPermanentFailure(error)) throw error;
  }
  const rejected: CallLogRejection[] = [];
  await db.transaction(async (tx) => {
    for (const [index, entry] of entries.entries()) {
      await pause();
      try {
        await tx.transaction((savepoint) => applyCallLogEntry(savepoint, entry));
      } catch (error) {
        if (!isPermanentFailure(error)) throw error;
        rejected.push({ index, error });
      }
    }
  });
  return rejected;
}

/**
 * A batch gives the event loop its turn after this much work. A local libSQL statement runs synchronously
 * and awaiting its result yields only to microtasks, so a whole batch (four statements an entry) used to
 * run as one task: at 100 calls, batches of the arrival burst held every call's audio for 10-50 ms, the
 * largest share of the voice server's long tasks (CPU profile). Between slices, media flows.
 */
const SLICE_MS = 2;

/** Batches written on this thread, on `db`, in slices of `SLICE_MS` (tests; a process without the worker). */
export function callLogStoreOn(db: Database): CallLogStore {
  return {
    commit: (entries) => {
      let sliceStartMs = performance.now();
      return commitCallLogBatch(db, entries, () => {
        if (performance.now() - sliceStartMs < SLICE_MS) return undefined;
        return nextTurn().then(() => {
          sliceStartMs = performance.now();
        });
      });
    },
    close: async () => {},
  };
}
