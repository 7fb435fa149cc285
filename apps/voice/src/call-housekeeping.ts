import { type Database, sweepStaleCalls } from '@receptionist/domain';
import type { Logger } from 'pino';

export const HOUSEKEEPING_INTERVAL_MS = 60_000;

/**
 * Runs the call sweep (calls whose stream never connected are closed; expired stream-token records purged)
 * once a minute, off the call path: a failed sweep is logged and retried next time, never thrown. Safe with
 * several voice servers on one database: each sweep only touches rows no stream can claim any more.
 */
export function startCallHousekeeping(deps: {
  db: Database;
  now: () => number;
  logger: Logger;
  intervalMs?: number;
}): { stop: () => void; runOnce: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const runOnce = async () => {
    if (running) return running;
    running = (async () => {
      try {
        const result = await sweepStaleCalls({ ctx: { db: deps.db, nowMs: deps.now() } });
        if (result.closedCallIds.length > 0) {
          deps.logger.warn({ callIds: result.closedCallIds }, 'closed calls whose stream never connected');
        }
      } catch (error) {
        deps.logger.warn({ err: error }, 'call housekeeping failed; retrying at the next interval');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void runOnce(), deps.intervalMs ?? HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
