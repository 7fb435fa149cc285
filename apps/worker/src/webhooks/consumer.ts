import { enqueueWebhookDeliveries, tenantContext } from '@receptionist/domain';
import type { EventConsumerHandler } from '../handlers/business-event.ts';

/**
 * The `webhooks` event consumer: turns one business event into a delivery per subscribed endpoint, each
 * its own `webhook.deliver` job. Running twice for one event adds nothing (deliveries are unique per event).
 */
export const webhooksConsumer: EventConsumerHandler = async ({ job, event, db, now, logger }) => {
  const { tenant } = tenantContext(db, job.businessId, { kind: 'system' });
  const { deliveryIds } = await enqueueWebhookDeliveries({ ctx: { tenant, nowMs: now() }, input: { event } });
  logger.info(
    { eventId: event.id, type: event.type, deliveries: deliveryIds.length },
    'webhook deliveries queued',
  );
};
