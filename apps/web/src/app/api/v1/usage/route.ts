import { apiRoute } from '../../../../server/api/context.ts';
import { apiDependencies } from '../../../../server/api/routes.ts';
import { getUsageHandler } from '../../../../server/api/usage.ts';

export const dynamic = 'force-dynamic';
export const GET = apiRoute(apiDependencies, getUsageHandler);
