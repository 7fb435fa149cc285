/**
 * Everything one corpus run needs, for the test and for bench:local alike: a temporary database, the local
 * engine with the offline receptionist, the pinned clock, and the corpus itself.
 */
import { createTestDatabase, pinnedClock } from '@receptionist/db/testing';
import { createLocalEngine } from '@receptionist/engine/local';
import { offlineReceptionist } from '@receptionist/receptionist/offline';
import { type CorpusBusiness, loadCorpus } from './load-corpus.ts';
import { type CorpusCallResult, runCorpus } from './run-corpus.ts';

/** Wednesday 2 December 2026, 10:00 in New York: "friday", "next tuesday" are the same days every run. */
export const CORPUS_NOW = '2026-12-02T15:00:00Z';

export interface CorpusRun {
  businesses: CorpusBusiness[];
  results: CorpusCallResult[];
  wallSeconds: number;
}

export async function runWholeCorpus(
  options: { concurrency?: number; only?: (business: CorpusBusiness) => boolean } = {},
): Promise<CorpusRun> {
  const started = performance.now();
  const businesses = (await loadCorpus()).filter(options.only ?? (() => true));
  const database = await createTestDatabase();
  try {
    const results = await runCorpus(businesses, {
      db: database.db,
      engine: createLocalEngine({ dialogue: offlineReceptionist }),
      now: pinnedClock(CORPUS_NOW),
      concurrency: options.concurrency ?? 2,
    });
    return { businesses, results, wallSeconds: (performance.now() - started) / 1000 };
  } finally {
    await database.cleanup();
  }
}
