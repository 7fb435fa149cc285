import { readUsage, tenantContext } from '@receptionist/domain';
import type { ApiHandler } from './context.ts';
import { json } from './respond.ts';

/**
 * GET /api/v1/usage?from=&to=: calls and billable time in a window (default: the current billing period
 * so far), with the plan it is measured against. `from`/`to` are ISO dates (the business's midnight) or
 * date-times, given together.
 */
export const getUsageHandler: ApiHandler = async (request, { db, businessId, apiKeyId, now }) => {
  const query = new URL(request.url).searchParams;
  const report = await readUsage({
    ctx: { ...tenantContext(db, businessId, { kind: 'api', apiKeyId }), nowMs: now() },
    input: { from: query.get('from') ?? undefined, to: query.get('to') ?? undefined },
  });
  return json({ data: report });
};
