/**
 * The scenario corpus (apps/caller/corpus, issue 21): every call of every business type on the local
 * engine, faster than real time, checked against what it left in the database. Each call is its own test
 * that it ran; the targets are asserted over the whole corpus, and the per-call table is printed so a miss
 * names its call, voice and first unmet expectation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorpusRun, runWholeCorpus } from './corpus-session.ts';
import { corpusStats, corpusTable } from './corpus-stats.ts';
import { loadCorpus } from './load-corpus.ts';

/**
 * Regression floors, not the goal. Issue 21's targets are 0.9 / 0.9 / 0.98 / 0.9; `npm run bench:local`
 * reports the corpus against those. The corpus is 60 calls in flite voices and 12 in espeak-ng voices. With
 * name turns decoded again through the names grammar (RECOGNISER.md, 2026-12-06) four runs measured
 * 0.944–0.986 overall, 0.967–1.0 on the flite calls, 10–11/12 on the espeak-ng calls, 16–17/18 held out,
 * 0.99 yes/no and 0.938–0.969 names stored, so the floors sit about 0.05–0.1 under them
 * for a loaded CI machine: a change that breaks understanding still fails here, and the gap to the targets
 * stays visible in the bench rather than as a red suite.
 */
const FLOORS = {
  passRate: 0.875,
  passRateFlite: 0.9,
  passRateEspeak: 0.66,
  heldOutPassRate: 0.83,
  yesNoAccuracy: 0.94,
  namesStored: 0.84,
};

const businesses = await loadCorpus();
const calls = businesses.flatMap((business) =>
  business.file.scenarios.map((scenario) => `${business.key}: ${scenario.name}`),
);
let run: CorpusRun | undefined;

beforeAll(async () => {
  run = await runWholeCorpus({ concurrency: 3 });
}, 15 * 60_000);

afterAll(() => {
  if (run === undefined) return;
  process.stdout.write(
    `\ncorpus: ${run.results.length} calls in ${run.wallSeconds.toFixed(0)} s\n${corpusTable(run.results)}\n${JSON.stringify(corpusStats(run.results))}\n`,
  );
});

describe('scenario corpus on the local engine', () => {
  it('has at least 60 calls over three tuned business types and a held-out one, in flite and espeak-ng voices', () => {
    expect(calls.length).toBeGreaterThanOrEqual(60);
    expect(businesses.filter((business) => !business.heldOut).length).toBeGreaterThanOrEqual(3);
    expect(businesses.some((business) => business.heldOut)).toBe(true);
    const voices = new Set(businesses.flatMap((b) => b.file.scenarios.map((scenario) => scenario.voice)));
    expect(voices.size).toBeGreaterThanOrEqual(3);
    // flite and espeak-ng voices both (issue 21).
    expect([...voices].some((voice) => voice.startsWith('espeak:'))).toBe(true);
  });

  it.each(calls)('%s ran to the end', (label) => {
    const result = run?.results.find((candidate) => `${candidate.business}: ${candidate.name}` === label);
    expect(result, `no result for ${label}`).toBeDefined();
    expect(result?.error, JSON.stringify(result?.transcript)).toBeUndefined();
  });

  it('stays above the floors: pass rate overall, on flite, on espeak-ng and held out, yes/no accuracy, names stored', () => {
    const stats = corpusStats(run?.results ?? []);
    const summary = JSON.stringify(stats, null, 1);
    expect(stats.passRate.rate, summary).toBeGreaterThanOrEqual(FLOORS.passRate);
    expect(stats.passRateFlite.rate, summary).toBeGreaterThanOrEqual(FLOORS.passRateFlite);
    expect(stats.passRateEspeak.rate, summary).toBeGreaterThanOrEqual(FLOORS.passRateEspeak);
    expect(stats.passRateHeldOut.rate, summary).toBeGreaterThanOrEqual(FLOORS.heldOutPassRate);
    expect(stats.yesNoAccuracy.rate, summary).toBeGreaterThanOrEqual(FLOORS.yesNoAccuracy);
    expect(stats.namesStoredCorrectly.rate, summary).toBeGreaterThanOrEqual(FLOORS.namesStored);
  });
});
