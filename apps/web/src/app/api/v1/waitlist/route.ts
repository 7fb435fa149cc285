import { apiRoute } from '../../../../server/api/context.ts';
import { apiDependencies } from '../../../../server/api/routes.ts';
import { addToWaitlistHandler } from '../../../../server/api/waitlist.ts';

export const dynamic = 'force-dynamic';
export const POST = apiRoute(apiDependencies, addToWaitlistHandler);
