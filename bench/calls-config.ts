/** bench:calls' fixed settings (targets, the call shape, the fake Twilio account) and its command line. */
import { parseArgs } from 'node:util';
import { type RelayName, RUN_ORDERS, type RunOrder } from './calls-spread.ts';

export const FRAMES_PER_SECOND = 50;
export const AUTH_TOKEN = 'bench-twilio-auth-token';
export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const DEMO_NUMBER = '+15005550006';

/**
 * The load generator (this process, see package.json) and the fake peer run with one-threaded scavenges:
 * on a busy two-core machine V8's parallel scavenge waits for a helper thread that waits for a core, and
 * stalls of up to 40 ms in the harness would be counted as relay latency (apps/voice/src/gc-tuning.ts).
 */
export const HARNESS_NODE_FLAGS = ['--no-parallel-scavenge'];

export const TARGETS = {
  p99AddedLatencyMs: 5,
  droppedFrames: 0,
  cpuPercentPerCall: 0.5,
  webhookP99Ms: 100,
} as const;
/** Silence after the speech pattern, so the last reply plays out before the caller hangs up. */
export const TAIL_SILENCE_SECONDS = 3;
/** The background calls start this long before the main batch (past their first turn). */
export const BACKGROUND_LEAD_MS = 4_000;
/** The main batch arrives within this long. */
export const MAIN_BATCH_RAMP_MS = 1_000;

/** `floor` is optional: the least a Node relay can do per message (bench/calls-floor-relay.ts). */
const RELAY_NAMES: readonly string[] = ['ours', 'peer', 'floor'];

export interface Options {
  calls: number;
  seconds: number;
  warmupSeconds: number;
  /** An unmeasured round of the same calls before each measured one (0 = none). */
  warmupRoundSeconds: number;
  /** Calls started before the main batch, still streaming while it arrives. */
  backgroundCalls: number;
  /** Run our voice server with its embedded job worker (WORKER=embedded) instead of `npm start`'s layout. */
  embeddedWorker: boolean;
  json: boolean;
  relays: RelayName[];
  /** When set, each relay writes a V8 CPU profile (whole run) into this folder, for finding hot spots. */
  cpuProfDir: string | undefined;
  /** Whole runs (every relay once each), for the spread. */
  runs: number;
  order: RunOrder;
}

export function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '20' },
      'warmup-seconds': { type: 'string', default: '2' },
      'warmup-round-seconds': { type: 'string', default: '8' },
      relay: { type: 'string', default: 'all' },
      'background-calls': { type: 'string' },
      'embedded-worker': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      runs: { type: 'string', default: '1' },
      order: { type: 'string', default: 'ours-first' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (!RUN_ORDERS.includes(values.order)) throw new Error(`--order is one of ${RUN_ORDERS.join(', ')}`);
  const calls = Number(values.calls);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values['warmup-seconds']);
  const warmupRoundSeconds = Number(values['warmup-round-seconds']);
  if (
    !Number.isFinite(warmupRoundSeconds) ||
    (warmupRoundSeconds !== 0 && warmupRoundSeconds < warmupSeconds + 5)
  ) {
    throw new Error(`--warmup-round-seconds must be 0 or at least warm-up + 5 (${warmupSeconds + 5})`);
  }
  if (!Number.isInteger(calls) || calls < 1) throw new Error('--calls must be a positive integer');
  if (!Number.isFinite(seconds) || seconds < warmupSeconds + 5) {
    throw new Error(`--seconds must be at least warm-up + 5 (${warmupSeconds + 5})`);
  }
  // `all` = ours, peer, floor; `both` = ours then peer; `peer,ours` reverses the order (load on a shared
  // machine drifts over a run).
  const relayList =
    values.relay === 'all'
      ? ['ours', 'peer', 'floor']
      : values.relay === 'both'
        ? ['ours', 'peer']
        : values.relay.split(',');
  const backgroundCalls = Number(values['background-calls'] ?? Math.ceil(calls / 10));
  if (!Number.isInteger(backgroundCalls) || backgroundCalls < 0) {
    throw new Error('--background-calls must be a whole number');
  }
  if (relayList.length === 0 || relayList.some((relay) => !RELAY_NAMES.includes(relay))) {
    throw new Error('--relay is all, ours, peer, floor, both, or a comma list such as peer,ours,floor');
  }
  return {
    calls,
    seconds,
    warmupSeconds,
    warmupRoundSeconds,
    backgroundCalls,
    embeddedWorker: values['embedded-worker'],
    json: values.json,
    relays: relayList as RelayName[],
    cpuProfDir: values['cpu-prof'],
    runs,
    order: values.order as RunOrder,
  };
}
