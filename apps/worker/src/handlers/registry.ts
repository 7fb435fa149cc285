import type { ClaimedJob, Executor, JobKind, JobPayload } from '@receptionist/domain';
import type { Logger } from 'pino';

/** What a handler gets for one run of one job. */
export interface JobHandlerContext<K extends JobKind> {
  job: ClaimedJob;
  /** Already parsed against the kind's schema. */
  payload: JobPayload<K>;
  db: Executor;
  now: () => number;
  logger: Logger;
  /**
   * Aborted when this worker lost the job's lease (another worker took it over) or stopped past its
   * deadline: long handlers should check it between steps and stop, since their result no longer counts.
   */
  signal: AbortSignal;
}

export type JobHandler<K extends JobKind> = (context: JobHandlerContext<K>) => Promise<void>;

/** One handler per job kind. A claimed job whose kind has none here is dead-lettered, not retried. */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };
