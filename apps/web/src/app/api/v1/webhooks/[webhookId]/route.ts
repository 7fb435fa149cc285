import { apiRoute } from '../../../../../server/api/context.ts';
import { apiDependencies } from '../../../../../server/api/routes.ts';
import { deleteWebhook, getWebhook } from '../../../../../server/api/webhooks.ts';

export const dynamic = 'force-dynamic';
export const GET = apiRoute(apiDependencies, getWebhook);
export const DELETE = apiRoute(apiDependencies, deleteWebhook);
