import { authenticateApiKey } from '../api-keys.ts';
import type { Database } from '../db.ts';
import {
  clientIp,
  isRateLimited,
  type RateLimits,
  rateLimits,
  tooManyRequests,
} from '../rate-limit/limiter.ts';
import { ApiError } from './errors.ts';
import { errorResponse, toApiError } from './respond.ts';

/**
 * The REST API's handler shape. The tenant is the API key's business, never anything in the request:
 * ids in paths are looked up inside that business only, so another business's id is a plain 404.
 */
export interface ApiContext {
  db: Database;
  businessId: string;
  apiKeyId: string;
  /** The clock handlers read "today" from (the system clock in production, pinned in tests). */
  now: () => number;
}

export type ApiHandler<Params = Record<string, never>> = (
  request: Request,
  context: ApiContext,
  params: Params,
) => Promise<Response>;

export interface ApiDependencies {
  getDb: () => Promise<Database>;
  now: () => number;
  /** The process's rate limits unless a test brings its own. */
  limits?: RateLimits;
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Wraps a handler with API-key authentication and error mapping; the result is a Next route handler. */
export function apiRoute<Params>(deps: ApiDependencies, handler: ApiHandler<Params>) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    const limits = deps.limits ?? rateLimits();
    const ip = clientIp(request.headers);
    try {
      const key = bearerToken(request);
      if (key === undefined) {
        await limits.consume('rest_api', { ip });
        throw new ApiError(401, 'unauthorized', 'Send an API key as Authorization: Bearer <key>');
      }
      const db = await deps.getDb();
      const principal = await authenticateApiKey(db, key);
      if (principal === undefined) {
        // Key guessing counts against the address (and the global ceiling) like any other request.
        await limits.consume('rest_api', { ip });
        throw new ApiError(401, 'unauthorized', 'The API key is not valid');
      }
      await limits.consume('rest_api', { ip, account: principal.apiKeyId, tenant: principal.businessId });
      return await handler(request, { db, now: deps.now, ...principal }, await route.params);
    } catch (error) {
      if (isRateLimited(error)) return tooManyRequests(error);
      return errorResponse(toApiError(error));
    }
  };
}
