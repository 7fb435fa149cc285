import { apiRoute } from '../../../../../../../../server/api/context.ts';
import { apiDependencies } from '../../../../../../../../server/api/routes.ts';
import { redeliverWebhookDelivery } from '../../../../../../../../server/api/webhooks.ts';

export const dynamic = 'force-dynamic';
export const POST = apiRoute(apiDependencies, redeliverWebhookDelivery);
