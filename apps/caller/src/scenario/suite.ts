/** Runs many scenarios: waves that cannot interfere run in parallel, waves one after another. */
import { fileURLToPath } from 'node:url';
import type { LoadedScenario } from './loader.ts';
import type { ScenarioResult } from './result.ts';
import { runScenario, type ScenarioContext } from './runner.ts';
import { planWaves } from './waves.ts';

/** The scenarios shipped with the caller (apps/caller/scenarios). */
export const DEFAULT_SCENARIO_FOLDER = fileURLToPath(new URL('../../scenarios', import.meta.url));

export interface SuiteOptions {
  /** Most scenarios on the line at once. */
  concurrency: number;
  /** Called as each scenario finishes (progress output). */
  onResult?: ((result: ScenarioResult) => void) | undefined;
}

/** Results in the order the scenarios were given. */
export async function runScenarioSuite(
  scenarios: readonly LoadedScenario[],
  context: ScenarioContext,
  options: SuiteOptions,
): Promise<ScenarioResult[]> {
  const results = new Map<LoadedScenario, ScenarioResult>();
  for (const wave of planWaves(scenarios, Math.max(1, options.concurrency))) {
    await Promise.all(
      wave.map(async (loaded) => {
        const result = await runScenario(loaded, context);
        results.set(loaded, result);
        options.onResult?.(result);
      }),
    );
  }
  return scenarios.map((loaded) => results.get(loaded) as ScenarioResult);
}
