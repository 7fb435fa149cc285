import { z } from 'zod';
import { BUSINESS_EVENT_TYPES } from '../events/types.ts';

/** The event types an endpoint may subscribe to: every business event, by its public name. */
export const WEBHOOK_EVENT_TYPES = BUSINESS_EVENT_TYPES;

export const WebhookEventTypes = z
  .array(z.enum(BUSINESS_EVENT_TYPES))
  .min(1, 'subscribe to at least one event')
  .transform((events) => [...new Set(events)]);
