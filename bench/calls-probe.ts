/**
 * Preloaded into every benchmarked relay process (`node --import tsx --import ./bench/calls-probe.ts …`) so
 * both relays are measured the same way without touching their code: event-loop delay from
 * perf_hooks.monitorEventLoopDelay and the largest V8 heap seen (sampled every 250 ms, like the harness
 * samples RSS from outside), reported over the IPC channel the benchmark opened. The heap figures say how
 * much of a relay's RSS is JavaScript objects and how much is code, native memory and the young generation.
 *
 * {type:'probe:start'} resets both; {type:'probe:read'} replies {type:'probe', eventLoopDelayMs, heapPeakMb}.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

// The histogram records whole timer intervals, so each sample includes the resolution itself; it is
// subtracted below to report the delay alone.
const RESOLUTION_MS = 10;
const HEAP_SAMPLE_MS = 250;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();

const MB = 1024 * 1024;
let heapPeak = { totalMb: 0, usedMb: 0, externalMb: 0 };
function sampleHeap(): void {
  const usage = process.memoryUsage();
  heapPeak = {
    totalMb: Math.max(heapPeak.totalMb, usage.heapTotal / MB),
    usedMb: Math.max(heapPeak.usedMb, usage.heapUsed / MB),
    externalMb: Math.max(heapPeak.externalMb, usage.external / MB),
  };
}
setInterval(sampleHeap, HEAP_SAMPLE_MS).unref();

function delayMs(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - RESOLUTION_MS);
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'probe:start') {
    histogram.reset();
    heapPeak = { totalMb: 0, usedMb: 0, externalMb: 0 };
  } else if (message.type === 'probe:read') {
    sampleHeap();
    process.send?.({
      type: 'probe',
      eventLoopDelayMs: {
        p50: delayMs(histogram.percentile(50)),
        p99: delayMs(histogram.percentile(99)),
        max: delayMs(histogram.max),
      },
      heapPeakMb: heapPeak,
    });
  }
});
