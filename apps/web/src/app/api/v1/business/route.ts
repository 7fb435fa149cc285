import { getBusinessHandler, updateBusinessHandler } from '../../../../server/api/business.ts';
import { apiRoute } from '../../../../server/api/context.ts';
import { apiDependencies } from '../../../../server/api/routes.ts';

export const dynamic = 'force-dynamic';
export const GET = apiRoute(apiDependencies, getBusinessHandler);
export const PATCH = apiRoute(apiDependencies, updateBusinessHandler);
