import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one voice server (its own registry, so in-process tests never share counters). */
export class VoiceMetrics {
  readonly registry = new Registry();
  readonly activeCalls = new Gauge({
    name: 'voice_active_calls',
    help: 'Calls with a live transport right now',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly turnLatency = new Histogram({
    name: 'voice_turn_latency_ms',
    help: 'Caller end of speech to first agent audio byte, per turn',
    labelNames: ['engine'] as const,
    buckets: [100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'voice_errors_total',
    help: 'Errors and refusals by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly callsStarted = new Counter({
    name: 'voice_calls_started_total',
    help: 'Calls whose media started',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly unbackedCommitments = new Counter({
    name: 'voice_unbacked_commitments_total',
    help: 'Confirmations (booked, cancelled, message taken…) that no tool backed on the call, caught and replaced',
    labelNames: ['kind', 'source'] as const,
    registers: [this.registry],
  });

  countError(kind: string): void {
    this.errors.inc({ kind });
  }
}
