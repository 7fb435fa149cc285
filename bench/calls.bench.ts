/**
 * `npm run bench:calls -- --calls N --seconds S [--json] [--relay all|ours|peer|floor|both|peer,ours,floor]
 *    [--runs R] [--order ours-first|sdk-first|alternate] [--background-calls B] [--embedded-worker] [--warmup-seconds 2] [--warmup-round-seconds 8] [--cpu-prof DIR]`
 *
 * Simulated Twilio phone calls against a relay in another process, shaped like real calls: B background
 * calls (default N/10) are already streaming when N calls arrive within 1 s, each a signed webhook (timed),
 * a Media Stream with S seconds of a speech-like pattern (2 s silence, then 1 s of speech every 4 s) and
 * 3 s of silence, marks echoed after real-time playout. The fake OpenAI Realtime peer
 * (bench/calls-fake-peer.ts) runs server VAD on the appended audio, commits each turn with its
 * transcript and answers with a 1.5 s reply streamed at 3× real time. Every frame carries a stamp, so
 * latency is measured per frame, end to end. The same load runs through our voice server (apps/voice,
 * ENGINE=openai, OPENAI_REALTIME_URL → the fake peer), the Agents SDK relay (bench/calls-peer-relay.ts:
 * TwilioRealtimeTransportLayer + RealtimeSession) and the bare floor relay, one after the other in one
 * run, and the report gives ratios. Method: apps/caller/README.md "Load benchmark".
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  BACKGROUND_LEAD_MS,
  DEMO_NUMBER,
  FRAMES_PER_SECOND,
  HARNESS_NODE_FLAGS,
  MAIN_BATCH_RAMP_MS,
  type Options,
  parseOptions,
  TAIL_SILENCE_SECONDS,
  TARGETS,
} from './calls-config.ts';
import type { PeerCallStats } from './calls-fake-peer.ts';
import { type LoadCallResult, placeLoadCall } from './calls-load.ts';
import {
  machineCpuTicks,
  type NodeChild,
  processCpuSeconds,
  processRssMb,
  startNodeChild,
} from './calls-processes.ts';
import { type RelayUnderTest, startOurs, startScriptRelay } from './calls-relays.ts';
import { type RelayName, type RunSummary, relaysForRun, spreadOverRuns } from './calls-spread.ts';
import { ratio, round, type Summary, summarize } from './calls-stats.ts';

export interface RelayReport {
  relay: string;
  calls: number;
  /** Of which started before the main batch (still streaming while it arrived). */
  backgroundCalls: number;
  callsCompleted: number;
  framesSent: number;
  /** Signed webhook POST → TwiML, per call. */
  webhookMs: Summary;
  /** The relay's CPU time over the whole measured round (first webhook to last hang-up). */
  cpuSecondsRun: number;
  /** The relay's largest RSS over the whole measured round, sampled every 250 ms. */
  rssPeakMb: number;
  latencyInMs: Summary;
  latencyOutMs: Summary;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** The largest V8 heap over the steady window (context for rssPeakMb: the rest is code, native, buffers). */
  heapPeakMb: { totalMb: number; usedMb: number; externalMb: number };
  droppedFrames: { in: number; out: number; total: number };
  cpuPercentOfCore: number;
  cpuPercentPerCall: number;
  /**
   * How busy the whole machine was in the window (100 % = every core), relay, load generator and fake peer
   * together: near 100 % every process waits for a core and latency reflects that, not the relay alone.
   */
  machineBusyPercent: number;
  /** Of the same window, how much the hypervisor took from this virtual machine (in busy, too). */
  machineStealPercent: number;
  rssIdleMb: number;
  rssLoadedMb: number;
  rssPerCallMb: number;
  marksAcked: number;
  clears: number;
  errors: number;
  errorSamples: string[];
  /**
   * The harness's own share of the machine over the same window (100 % = one core): the load generator
   * (this process) and the fake realtime peer run on the same cores as the relay.
   */
  harness: {
    senderLagP99Ms: number;
    peerProtocolErrors: number;
    loadGeneratorCpuPercentOfCore: number;
    fakePeerCpuPercentOfCore: number;
  };
  /** Warnings and errors the relay logged (pino level ≥ 40), counted by message. */
  relayWarnings?: Record<string, number>;
}

function summarizeWarnings(logFile: string): Record<string, number> {
  const counts: Record<string, number> = {};
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= 40) counts[entry.msg ?? '?'] = (counts[entry.msg ?? '?'] ?? 0) + 1;
    } catch {
      // not a log line
    }
  }
  return counts;
}

/** `rssIdleMb`: the relay's RSS before it took any call (measured before the warm-up round). */
async function runLoad(
  relay: RelayUnderTest,
  peer: NodeChild,
  options: Options,
  rssIdleMb: number,
): Promise<RelayReport> {
  const { calls, seconds, warmupSeconds, backgroundCalls } = options;
  const warmupFrames = warmupSeconds * FRAMES_PER_SECOND;
  await peer.request({ type: 'reset', warmupFrames }, 'reset:ok');

  const place = (callIndex: number) =>
    placeLoadCall({
      callIndex,
      serverUrl: relay.serverUrl,
      publicUrl: relay.serverUrl,
      authToken: AUTH_TOKEN,
      accountSid: ACCOUNT_SID,
      from: `+1555${String(1_000_000 + callIndex).slice(1)}`,
      to: DEMO_NUMBER,
      frames: seconds * FRAMES_PER_SECOND,
      tailFrames: TAIL_SILENCE_SECONDS * FRAMES_PER_SECOND,
      warmupFrames,
    });
  const results: Array<Promise<LoadCallResult>> = [];
  const roundCpuStart = processCpuSeconds(relay.child.pid);
  let rssPeakMb = processRssMb(relay.child.pid);
  const rssSampler = setInterval(() => {
    rssPeakMb = Math.max(rssPeakMb, processRssMb(relay.child.pid));
  }, 250);
  // Calls already streaming (past their first turn) when the main batch arrives.
  for (let index = 0; index < backgroundCalls; index++) results.push(place(calls + index));
  if (backgroundCalls > 0) await sleep(BACKGROUND_LEAD_MS);

  // The main batch arrives within 1 s.
  const rampMs = Math.min(MAIN_BATCH_RAMP_MS, calls * 20);
  const staggerMs = calls > 1 ? rampMs / (calls - 1) : 0;
  const started = performance.now();
  for (let index = 0; index < calls; index++) {
    const startAt = started + index * staggerMs;
    const delay = startAt - performance.now();
    if (delay > 0) await sleep(delay);
    results.push(place(index));
  }

  // Steady-state window: every call streaming and warmed up, until the first call stops sending.
  const windowStart = started + rampMs + warmupSeconds * 1000;
  const windowEnd = started + seconds * 1000 - 200;
  await sleep(Math.max(0, windowStart - performance.now()));
  relay.child.child.send({ type: 'probe:start' });
  const cpuStart = processCpuSeconds(relay.child.pid);
  const fakePeerCpuStart = processCpuSeconds(peer.pid);
  const loadCpuStart = process.cpuUsage();
  const machineStart = machineCpuTicks();
  const wallStart = performance.now();
  let rssLoadedMb = processRssMb(relay.child.pid);
  while (performance.now() < windowEnd - 1000) {
    await sleep(1000);
    rssLoadedMb = Math.max(rssLoadedMb, processRssMb(relay.child.pid));
  }
  await sleep(Math.max(0, windowEnd - performance.now()));
  const cpuSeconds = processCpuSeconds(relay.child.pid) - cpuStart;
  const fakePeerCpuSeconds = processCpuSeconds(peer.pid) - fakePeerCpuStart;
  const loadCpu = process.cpuUsage(loadCpuStart);
  const machineEnd = machineCpuTicks();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const probe = await relay.child.request<{
    type: string;
    eventLoopDelayMs: RelayReport['eventLoopDelayMs'];
    heapPeakMb: RelayReport['heapPeakMb'];
  }>({ type: 'probe:read' }, 'probe');

  const finished = await Promise.all(results);
  clearInterval(rssSampler);
  const cpuSecondsRun = processCpuSeconds(relay.child.pid) - roundCpuStart;
  const peerStats = await peer.request<{
    type: string;
    calls: Record<string, PeerCallStats>;
    protocolErrors: number;
  }>({ type: 'stats' }, 'stats');

  let droppedIn = 0;
  let droppedOut = 0;
  const inLatency: number[] = [];
  const outLatency: number[] = [];
  const senderLag: number[] = [];
  const errors: string[] = [];
  const webhookMs: number[] = [];
  for (const call of finished) {
    if (call.webhookMs !== undefined) webhookMs.push(call.webhookMs);
    const atPeer = peerStats.calls[String(call.callIndex)];
    droppedIn += call.inSent - (atPeer?.inReceived ?? 0);
    droppedOut += (atPeer?.outSent ?? 0) - call.outReceived;
    for (const sample of atPeer?.inLatencyMs ?? []) inLatency.push(sample);
    for (const sample of call.outLatencyMs) outLatency.push(sample);
    for (const sample of call.senderLagMs) senderLag.push(sample);
    errors.push(...call.errors.map((error) => `call ${call.callIndex}: ${error}`));
  }
  const cpuPercentOfCore = (cpuSeconds / wallSeconds) * 100;
  const machineTicks = Math.max(1, machineEnd.total - machineStart.total);
  const machineShare = (kind: 'busy' | 'steal'): number =>
    round(((machineEnd[kind] - machineStart[kind]) / machineTicks) * 100, 1);
  return {
    relay: relay.label,
    calls: calls + backgroundCalls,
    backgroundCalls,
    webhookMs: summarize(webhookMs),
    cpuSecondsRun: round(cpuSecondsRun, 2),
    rssPeakMb: round(rssPeakMb, 1),
    callsCompleted: finished.filter((call) => call.errors.length === 0 && call.inSent > 0).length,
    framesSent: finished.reduce((sum, call) => sum + call.inSent, 0),
    latencyInMs: summarize(inLatency),
    latencyOutMs: summarize(outLatency),
    eventLoopDelayMs: {
      p50: round(probe.eventLoopDelayMs.p50),
      p99: round(probe.eventLoopDelayMs.p99),
      max: round(probe.eventLoopDelayMs.max),
    },
    heapPeakMb: {
      totalMb: round(probe.heapPeakMb.totalMb, 1),
      usedMb: round(probe.heapPeakMb.usedMb, 1),
      externalMb: round(probe.heapPeakMb.externalMb, 1),
    },
    droppedFrames: { in: droppedIn, out: droppedOut, total: droppedIn + droppedOut },
    cpuPercentOfCore: round(cpuPercentOfCore, 2),
    cpuPercentPerCall: round(cpuPercentOfCore / calls),
    machineBusyPercent: machineShare('busy'),
    machineStealPercent: machineShare('steal'),
    rssIdleMb: round(rssIdleMb, 1),
    rssLoadedMb: round(rssLoadedMb, 1),
    rssPerCallMb: round((rssLoadedMb - rssIdleMb) / calls),
    marksAcked: finished.reduce((sum, call) => sum + call.marksAcked, 0),
    clears: finished.reduce((sum, call) => sum + call.clears, 0),
    errors: errors.length + peerStats.protocolErrors,
    errorSamples: errors.slice(0, 5),
    harness: {
      senderLagP99Ms: summarize(senderLag).p99,
      peerProtocolErrors: peerStats.protocolErrors,
      loadGeneratorCpuPercentOfCore: round(((loadCpu.user + loadCpu.system) / 1e6 / wallSeconds) * 100, 1),
      fakePeerCpuPercentOfCore: round((fakePeerCpuSeconds / wallSeconds) * 100, 1),
    },
  };
}

/**
 * Issue 23's targets, measured in one run: webhook p99 ≤ 100 ms; relay p99 both ways ≤ the SDK relay's;
 * CPU ≤ the SDK relay's; peak RSS ≤ 1.5× the SDK relay's; no caller frame lost; no protocol error; every
 * call completed.
 */
function targetsMet(report: RelayReport, peer: RelayReport | undefined) {
  const result = {
    webhookP99: report.webhookMs.p99 <= TARGETS.webhookP99Ms,
    noFramesLost: report.droppedFrames.total <= TARGETS.droppedFrames,
    noErrors: report.errors === 0,
    allCallsCompleted: report.callsCompleted === report.calls,
    latencyInP99AtMostPeer: null as boolean | null,
    latencyOutP99AtMostPeer: null as boolean | null,
    cpuAtMostPeer: null as boolean | null,
    rssPeakAtMost1_5xPeer: null as boolean | null,
  };
  if (peer) {
    result.latencyInP99AtMostPeer = report.latencyInMs.p99 <= peer.latencyInMs.p99;
    result.latencyOutP99AtMostPeer = report.latencyOutMs.p99 <= peer.latencyOutMs.p99;
    result.cpuAtMostPeer = report.cpuSecondsRun <= peer.cpuSecondsRun;
    result.rssPeakAtMost1_5xPeer = report.rssPeakMb <= 1.5 * peer.rssPeakMb;
  }
  return result;
}

function ratios(ours: RelayReport | undefined, other: RelayReport | undefined) {
  return {
    webhookP50: ratio(ours?.webhookMs.p50, other?.webhookMs.p50),
    webhookP99: ratio(ours?.webhookMs.p99, other?.webhookMs.p99),
    latencyInP50: ratio(ours?.latencyInMs.p50, other?.latencyInMs.p50),
    latencyInP99: ratio(ours?.latencyInMs.p99, other?.latencyInMs.p99),
    latencyOutP50: ratio(ours?.latencyOutMs.p50, other?.latencyOutMs.p50),
    latencyOutP99: ratio(ours?.latencyOutMs.p99, other?.latencyOutMs.p99),
    eventLoopDelayP99: ratio(ours?.eventLoopDelayMs.p99, other?.eventLoopDelayMs.p99),
    cpuSecondsRun: ratio(ours?.cpuSecondsRun, other?.cpuSecondsRun),
    cpuPerCall: ratio(ours?.cpuPercentPerCall, other?.cpuPercentPerCall),
    rssPeak: ratio(ours?.rssPeakMb, other?.rssPeakMb),
    rssPerCall: ratio(ours?.rssPerCallMb, other?.rssPerCallMb),
  };
}

/** One run: every relay once, in `order`, against the one fake peer. */
async function runOnce(
  options: Options,
  order: RelayName[],
  workDir: string,
  realtimeUrl: string,
  peer: NodeChild,
  runIndex: number,
): Promise<Partial<Record<RelayName, RelayReport | { error: string }>>> {
  const reports: Partial<Record<RelayName, RelayReport | { error: string }>> = {};
  for (const which of order) {
    let relay: RelayUnderTest | undefined;
    const profiled =
      options.cpuProfDir === undefined
        ? options
        : { ...options, cpuProfDir: join(options.cpuProfDir, `run${runIndex + 1}`) };
    try {
      relay =
        which === 'ours'
          ? await startOurs(workDir, realtimeUrl, profiled)
          : await startScriptRelay(which, workDir, realtimeUrl, profiled);
      // The relay measured first had the worse tail in three of four runs, in either order: it met a
      // load generator and fake peer that had not run yet. Each relay first gets an unmeasured round.
      await sleep(500);
      const rssIdleMb = processRssMb(relay.child.pid);
      if (options.warmupRoundSeconds > 0)
        await runLoad(relay, peer, { ...options, seconds: options.warmupRoundSeconds }, rssIdleMb);
      reports[which] = await runLoad(relay, peer, options, rssIdleMb);
    } catch (error) {
      reports[which] = { error: (error as Error).message };
    } finally {
      await relay?.child.stop();
    }
    const report = reports[which];
    if (report && 'relay' in report) report.relayWarnings = summarizeWarnings(join(workDir, `${which}.log`));
    if (!options.json) console.error(`[bench:calls] run ${runIndex + 1}/${options.runs} ${which}: done`);
  }
  return reports;
}

const measured = (report: RelayReport | { error: string } | undefined): RelayReport | undefined =>
  report && 'relay' in report ? report : undefined;

async function main(): Promise<void> {
  const options = parseOptions();
  const workDir = mkdtempSync(join(tmpdir(), 'bench-calls-'));
  const peer = startNodeChild({
    script: 'bench/calls-fake-peer.ts',
    nodeFlags: HARNESS_NODE_FLAGS,
    logFile: join(workDir, 'fake-peer.log'),
  });
  const runs: Array<RunSummary & { reports: Partial<Record<RelayName, RelayReport | { error: string }>> }> =
    [];
  try {
    const { port } = await peer.waitFor<{ type: string; port: number }>('listening');
    const realtimeUrl = `ws://127.0.0.1:${port}/v1/realtime`;
    for (let index = 0; index < options.runs; index++) {
      const order = relaysForRun(options.relays, options.order, index);
      const reports = await runOnce(options, order, workDir, realtimeUrl, peer, index);
      runs.push({
        order,
        loadAverage: loadavg().map((value) => round(value, 2)),
        reports,
        ratiosOursOverPeer: ratios(measured(reports.ours), measured(reports.peer)),
      });
    }
  } finally {
    peer.child.send({ type: 'close' });
    await peer.stop();
    rmSync(workDir, { recursive: true, force: true });
  }

  const last = runs.at(-1);
  const ours = measured(last?.reports.ours);
  const peerReport = measured(last?.reports.peer);
  const floorReport = measured(last?.reports.floor);
  const output = {
    benchmark: 'calls',
    calls: options.calls,
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    warmupRoundSeconds: options.warmupRoundSeconds,
    backgroundCalls: options.backgroundCalls,
    oursWorker: options.embeddedWorker ? 'embedded' : 'off (own process, as npm start runs it)',
    runs: options.runs,
    order: options.order,
    relayOrder: last?.order ?? options.relays,
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    targets: TARGETS,
    // Over every run: min / median / max per relay and figure, and of the ratios ours / SDK relay.
    spread: spreadOverRuns(runs),
    // Each run's ratios and whether it met the targets; the full reports of the last run follow.
    perRun: runs.map((run) => ({
      order: run.order,
      loadAverage: run.loadAverage,
      ratiosOursOverPeer: run.ratiosOursOverPeer,
      targetsMet: measured(run.reports.ours)
        ? targetsMet(measured(run.reports.ours) as RelayReport, measured(run.reports.peer))
        : null,
      // A relay that failed to run, and the first call errors of each relay that ran.
      errors: Object.fromEntries(
        Object.entries(run.reports).flatMap(([name, report]): Array<[string, string | string[]]> => {
          if (report && 'error' in report) return [[name, report.error]];
          return report && report.errorSamples.length > 0 ? [[name, report.errorSamples]] : [];
        }),
      ),
    })),
    ours: last?.reports.ours ?? null,
    peer: last?.reports.peer ?? null,
    ratiosOursOverPeer: ratios(ours, peerReport),
    ...(options.relays.includes('floor') && {
      floor: last?.reports.floor ?? null,
      ratiosOursOverFloor: ratios(ours, floorReport),
    }),
    machineLoadAverage: loadavg().map((value) => round(value, 2)),
    targetsMet: {
      ours: ours ? targetsMet(ours, peerReport) : null,
      peer: peerReport ? targetsMet(peerReport, undefined) : null,
    },
  };
  console.log(JSON.stringify(output, null, options.json ? undefined : 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
