import { getEnv } from '../../../../env.ts';
import { getPolarBilling } from '../../../../server/billing/polar.ts';
import { handlePolarWebhook } from '../../../../server/billing/polar-webhook.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { log } from '../../../../server/log.ts';

export const dynamic = 'force-dynamic';

/** Polar's webhooks (subscriptions, orders, customer state): signature-checked, applied once each. */
export async function POST(request: Request): Promise<Response> {
  return handlePolarWebhook(request, {
    getDb,
    now: systemClock,
    config: getEnv().polar,
    polar: getPolarBilling(),
    logger: log.child({ component: 'polar-webhook' }),
  });
}
