import { apiRoute } from '../../../../../server/api/context.ts';
import { updateMessage } from '../../../../../server/api/messages.ts';
import { apiDependencies } from '../../../../../server/api/routes.ts';

export const dynamic = 'force-dynamic';
export const PATCH = apiRoute(apiDependencies, updateMessage);
