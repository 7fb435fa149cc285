import { listCalls } from '../../../../server/api/calls.ts';
import { apiRoute } from '../../../../server/api/context.ts';
import { apiDependencies } from '../../../../server/api/routes.ts';

export const dynamic = 'force-dynamic';
export const GET = apiRoute(apiDependencies, listCalls);
