import type { TenantDb } from '@receptionist/db';
import { recordCallUsage } from './record-call-usage.ts';

const DAY_MS = 86_400_000;

/**
 * Test fixtures shared by the billing tests: ended calls placed relative to the business's creation
 * instant `t0` (so tests pass on any date), and recording their usage. `state` is read on each use,
 * because each test makes a fresh business.
 */
export function usageFixtures(state: () => { tenant: TenantDb; t0: number }) {
  /** An ended call of `durationMs` starting `offsetMs` after the business was created. */
  async function endedCall(offsetMs: number, durationMs: number, status: 'completed' | 'busy' = 'completed') {
    const { tenant, t0 } = state();
    const call = await tenant.calls.create({
      channel: 'phone',
      engine: 'local',
      status: 'in_progress',
      startedAt: t0 + offsetMs,
    });
    await tenant.calls.end(call.id, {
      status,
      endReason: 'caller_hangup',
      endedAt: t0 + offsetMs + durationMs,
    });
    return call.id;
  }
  async function record(callId: string, nowMs?: number) {
    const { tenant, t0 } = state();
    return recordCallUsage({ ctx: { tenant, nowMs: nowMs ?? t0 + DAY_MS }, input: { callId } });
  }
  return { endedCall, record };
}
