import type { WebhookUrlPolicy } from '@receptionist/domain';
import { getEnv } from '../env.ts';

/** Where this deployment lets webhooks go (WEBHOOK_ALLOW_PRIVATE_URLS), read when a request needs it. */
export const webhookUrlPolicy = (): WebhookUrlPolicy => ({
  allowPrivate: getEnv().webhooks.allowPrivateUrls,
});
