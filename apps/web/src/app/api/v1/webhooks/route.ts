import { apiRoute } from '../../../../server/api/context.ts';
import { apiDependencies } from '../../../../server/api/routes.ts';
import { createWebhook, listWebhooks } from '../../../../server/api/webhooks.ts';
import { webhookUrlPolicy } from '../../../../server/webhook-url-policy.ts';

export const dynamic = 'force-dynamic';
export const GET = apiRoute(apiDependencies, listWebhooks);
export const POST = apiRoute(apiDependencies, createWebhook(webhookUrlPolicy));
