/**
 * Preloaded into every benchmarked relay process (`node --import tsx --import ./bench/calls-probe.ts …`) so
 * both relays are measured the same way without touching their code: event-loop delay from
 * perf_hooks.monitorEventLoopDelay, reported over the IPC channel the benchmark opened.
 *
 * {type:'probe:start'} resets the histogram; {type:'probe:read'} replies {type:'probe', eventLoopDelayMs}.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

// The histogram records whole timer intervals, so each sample includes the resolution itself; it is
// subtracted below to report the delay alone.
const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();

function delayMs(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - RESOLUTION_MS);
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'probe:start') {
    histogram.reset();
  } else if (message.type === 'probe:read') {
    process.send?.({
      type: 'probe',
      eventLoopDelayMs: {
        p50: delayMs(histogram.percentile(50)),
        p99: delayMs(histogram.percentile(99)),
        max: delayMs(histogram.max),
      },
    });
  }
});
