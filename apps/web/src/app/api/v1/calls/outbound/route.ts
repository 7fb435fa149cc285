import { apiRoute } from '../../../../../server/api/context.ts';
import { createOutboundCallHandler } from '../../../../../server/api/outbound-calls.ts';
import { apiDependencies } from '../../../../../server/api/routes.ts';

export const dynamic = 'force-dynamic';
export const POST = apiRoute(apiDependencies, createOutboundCallHandler);
