import { JOB_KINDS } from '@receptionist/domain';
import { handleCallEnded } from './call-ended.ts';
import type { JobHandlers } from './registry.ts';

export * from './registry.ts';

/** The handlers a production worker runs. */
export function createDefaultHandlers(): JobHandlers {
  return { [JOB_KINDS.callEnded]: handleCallEnded };
}
