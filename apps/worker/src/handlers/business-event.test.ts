import type { BusinessEvent, ClaimedJob, Executor } from '@receptionist/domain';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PermanentJobError } from '../errors.ts';
import { businessEventHandler, type EventConsumerContext } from './business-event.ts';

const event: BusinessEvent = {
  id: 'evt_1',
  type: 'message.taken',
  businessId: 'biz_1',
  occurredAt: 1_000,
  data: { messageId: 'msg_1' },
};

function run(handler: ReturnType<typeof businessEventHandler>, consumer: string) {
  return handler({
    job: { id: 'job_1', businessId: 'biz_1' } as ClaimedJob,
    payload: { consumer, event },
    db: {} as Executor,
    now: () => 2_000,
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  });
}

describe('business.event', () => {
  it('hands the event to the consumer the job names, and to no other', async () => {
    const seen: Array<[string, EventConsumerContext['event']]> = [];
    const handler = businessEventHandler({
      email: async ({ event: received }) => void seen.push(['email', received]),
      webhooks: async ({ event: received }) => void seen.push(['webhooks', received]),
    });
    await run(handler, 'webhooks');
    expect(seen).toEqual([['webhooks', event]]);
  });

  it('dead-letters an event for a consumer this worker does not serve', async () => {
    await expect(run(businessEventHandler({}), 'sms')).rejects.toBeInstanceOf(PermanentJobError);
  });
});
