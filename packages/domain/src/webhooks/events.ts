import { z } from 'zod';
import { BUSINESS_EVENT_TYPES } from '../events/types.ts';

/**
 * The event types an endpoint may subscribe to: every business event by its public name, except
 * `webhook.disabled`, which is about the webhooks themselves and goes to the owner instead.
 */
export const WEBHOOK_EVENT_TYPES = BUSINESS_EVENT_TYPES.filter(
  (type): type is Exclude<(typeof BUSINESS_EVENT_TYPES)[number], 'webhook.disabled'> =>
    type !== 'webhook.disabled',
) as [
  Exclude<(typeof BUSINESS_EVENT_TYPES)[number], 'webhook.disabled'>,
  ...Exclude<(typeof BUSINESS_EVENT_TYPES)[number], 'webhook.disabled'>[],
];

export const WebhookEventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'subscribe to at least one event')
  .transform((events) => [...new Set(events)]);
