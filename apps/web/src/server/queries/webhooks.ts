import { forBusiness } from '@receptionist/db';
import type { Database } from '../db.ts';

/**
 * An endpoint's signing secret, for the owner who asks to see it on the dashboard (lists never carry it).
 * Undefined when the endpoint is not this business's.
 */
export async function readWebhookSecret(
  db: Database,
  businessId: string,
  endpointId: string,
): Promise<string | undefined> {
  return (await forBusiness(db, businessId).webhooks.getEndpoint(endpointId))?.secret;
}
