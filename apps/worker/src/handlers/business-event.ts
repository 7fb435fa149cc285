import type { BusinessEvent } from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { JobHandler, JobHandlerContext } from './registry.ts';

/** What a consumer of business events gets for one event (the job's context minus the envelope). */
export type EventConsumerContext = Omit<JobHandlerContext<'business.event'>, 'payload'> & {
  event: BusinessEvent;
};

/**
 * Delivers one event to one consumer (notifications, webhooks…). It may run more than once for the same
 * event (a retry, a reclaimed lease): consumers deduplicate by `event.id`.
 */
export type EventConsumerHandler = (context: EventConsumerContext) => Promise<void>;

/** `business.event`: hands the event to the consumer the job names; a consumer nobody serves is dead-lettered. */
export function businessEventHandler(
  consumers: Readonly<Record<string, EventConsumerHandler>>,
): JobHandler<'business.event'> {
  return async ({ payload, ...context }) => {
    const consume = consumers[payload.consumer];
    if (consume === undefined) {
      throw new PermanentJobError(`no handler for event consumer "${payload.consumer}"`);
    }
    await consume({ ...context, event: payload.event });
  };
}
