/**
 * Several runs of the call benchmark in one report: the relay order of each run, and min / median / max
 * of every headline figure per relay and of the ratios ours / SDK relay over the runs. On a shared
 * machine one run's tail latency says little; the spread over runs in both orders is what to quote.
 */
import { round } from './calls-stats.ts';

export type RelayName = 'ours' | 'peer' | 'floor';

/** `ours-first`: ours, then the SDK relay; `sdk-first`: the reverse; `alternate`: flips every run. */
export type RunOrder = 'ours-first' | 'sdk-first' | 'alternate';
export const RUN_ORDERS: readonly string[] = ['ours-first', 'sdk-first', 'alternate'];

/** The relays of run `index` (0-based): the requested list, ours and peer swapped when the order says so. */
export function relaysForRun(relays: readonly RelayName[], order: RunOrder, index: number): RelayName[] {
  const sdkFirst = order === 'sdk-first' || (order === 'alternate' && index % 2 === 1);
  const ourIndex = relays.indexOf('ours');
  const peerIndex = relays.indexOf('peer');
  const list = [...relays];
  if (ourIndex < 0 || peerIndex < 0) return list;
  const oursBeforePeer = ourIndex < peerIndex;
  if (oursBeforePeer === sdkFirst) {
    list[ourIndex] = 'peer';
    list[peerIndex] = 'ours';
  }
  return list;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spreadOf(values: ReadonlyArray<number | null | undefined>): Spread | null {
  const finite = values.filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  );
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { min: round(sorted[0] ?? 0), median: round(median), max: round(sorted.at(-1) ?? 0) };
}

/** The figures of one relay's report that the spread covers (paths into `RelayReport`). */
const RELAY_FIGURES = {
  webhookP50Ms: ['webhookMs', 'p50'],
  webhookP99Ms: ['webhookMs', 'p99'],
  latencyInP50Ms: ['latencyInMs', 'p50'],
  latencyInP99Ms: ['latencyInMs', 'p99'],
  latencyOutP50Ms: ['latencyOutMs', 'p50'],
  latencyOutP99Ms: ['latencyOutMs', 'p99'],
  eventLoopDelayP99Ms: ['eventLoopDelayMs', 'p99'],
  cpuSecondsRun: ['cpuSecondsRun'],
  rssIdleMb: ['rssIdleMb'],
  rssPeakMb: ['rssPeakMb'],
  droppedFrames: ['droppedFrames', 'total'],
  callsCompleted: ['callsCompleted'],
  errors: ['errors'],
  machineBusyPercent: ['machineBusyPercent'],
} as const;

function figure(report: unknown, path: readonly string[]): number | undefined {
  let value: unknown = report;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' ? value : undefined;
}

export interface RunSummary {
  order: RelayName[];
  loadAverage: number[];
  reports: Partial<Record<RelayName, unknown>>;
  ratiosOursOverPeer: Record<string, number | null>;
}

/** Min / median / max per relay and figure, and of each ratio, over the runs. */
export function spreadOverRuns(runs: readonly RunSummary[]) {
  const perRelay: Partial<Record<RelayName, Record<string, Spread | null>>> = {};
  for (const relay of ['ours', 'peer', 'floor'] as const) {
    if (!runs.some((run) => run.reports[relay] !== undefined)) continue;
    const figures: Record<string, Spread | null> = {};
    for (const [name, path] of Object.entries(RELAY_FIGURES)) {
      figures[name] = spreadOf(runs.map((run) => figure(run.reports[relay], path)));
    }
    perRelay[relay] = figures;
  }
  const ratioNames = Object.keys(runs[0]?.ratiosOursOverPeer ?? {});
  const ratios: Record<string, Spread | null> = {};
  for (const name of ratioNames) ratios[name] = spreadOf(runs.map((run) => run.ratiosOursOverPeer[name]));
  return {
    runs: runs.length,
    orders: runs.map((run) => run.order.join(',')),
    loadAverages: runs.map((run) => run.loadAverage),
    ...perRelay,
    ratiosOursOverPeer: ratios,
  };
}
