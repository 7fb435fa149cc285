import { closeInterruptedCalls, type Database, touchLiveCalls } from '@receptionist/domain';
import type { Logger } from 'pino';

/**
 * Calls left open by a voice server that died, when several servers share one database.
 *
 * Each server reports the calls live on it every `CALL_HEARTBEAT_MS` (`touchLiveCalls`), and closes, at
 * start-up and on every beat, the calls in progress that nobody has reported for `CALL_UNSEEN_AFTER_MS`.
 * A server starting up therefore never closes the live calls of another one, as a blanket "close every
 * open call" sweep would; a lone server that crashed gets its calls closed within that window.
 */
export const CALL_HEARTBEAT_MS = 10_000;
/** Three missed beats, so one slow write or a paused process is not taken for a death. */
export const CALL_UNSEEN_AFTER_MS = 3 * CALL_HEARTBEAT_MS + 5_000;

export async function closeAbandonedCalls(db: Database, nowMs: number) {
  return closeInterruptedCalls({
    ctx: { db, nowMs },
    input: { unseenForMs: CALL_UNSEEN_AFTER_MS, endReason: 'voice_server_lost' },
  });
}

export interface CallHeartbeat {
  /** One beat now: report the live calls, then sweep abandoned ones. Resolves when both are written. */
  beat(): Promise<void>;
  stop(): void;
}

export function startCallHeartbeat(options: {
  db: Database;
  liveCallIds: () => string[];
  /** This server's public base URL, recorded on its calls so the dashboard's live view finds them. */
  voiceServerUrl?: string | undefined;
  now: () => number;
  logger: Logger;
  intervalMs?: number;
}): CallHeartbeat {
  let running: Promise<void> | undefined;
  const beat = async (): Promise<void> => {
    // A beat that is still writing (a slow remote database) is not stacked with another.
    running ??= (async () => {
      try {
        const nowMs = options.now();
        await touchLiveCalls({
          ctx: { db: options.db, nowMs },
          input: { callIds: options.liveCallIds(), voiceServerUrl: options.voiceServerUrl },
        });
        const closed = await closeAbandonedCalls(options.db, nowMs);
        if (closed.length > 0) {
          options.logger.warn({ count: closed.length }, 'closed calls no voice server reports live');
        }
      } catch (error) {
        options.logger.warn({ err: error }, 'call heartbeat failed; trying again on the next beat');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void beat(), options.intervalMs ?? CALL_HEARTBEAT_MS);
  timer.unref();
  return {
    beat,
    stop: () => clearInterval(timer),
  };
}
