import { JOB_KINDS } from '@receptionist/domain';
import type { CallAnalyzer } from '../analysis/analyzer.ts';
import { webhooksConsumer } from '../webhooks/consumer.ts';
import {
  DEFAULT_WEBHOOK_SETTINGS,
  type WebhookSettings,
  webhookDeliverHandler,
} from '../webhooks/deliver.ts';
import { businessEventHandler, type EventConsumerHandler } from './business-event.ts';
import { createCallEndedHandler } from './call-ended.ts';
import type { JobHandlers } from './registry.ts';

export * from './business-event.ts';
export * from './registry.ts';

/**
 * The consumers of business events this worker serves, by the names in the domain's EVENT_CONSUMERS.
 * Each cold-path feature (notifications, webhooks…) adds its consumer here and its name there.
 */
export const EVENT_CONSUMER_HANDLERS: Readonly<Record<string, EventConsumerHandler>> = {
  webhooks: webhooksConsumer,
};

/** The handlers a production worker runs. */
export function createDefaultHandlers(
  options: {
    consumers?: Readonly<Record<string, EventConsumerHandler>>;
    webhooks?: WebhookSettings | undefined;
    /** How `call.ended` analyses a call; deterministic when not given (see `createCallAnalyzer`). */
    analyzer?: CallAnalyzer;
  } = {},
): JobHandlers {
  return {
    [JOB_KINDS.callEnded]: createCallEndedHandler(options.analyzer),
    [JOB_KINDS.businessEvent]: businessEventHandler(options.consumers ?? EVENT_CONSUMER_HANDLERS),
    [JOB_KINDS.webhookDeliver]: webhookDeliverHandler(options.webhooks ?? DEFAULT_WEBHOOK_SETTINGS),
  };
}
