import { startCalendarConnection, tenantContext } from '@receptionist/domain';
import { authorizationUrl } from '@receptionist/google-calendar';
import { type NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { getEnv } from '../../../../../env.ts';
import { requireBusinessAccess, requireOwner } from '../../../../../server/auth/current-user.ts';
import { browserOrigin, calendarOAuthApp, packState } from '../../../../../server/calendar/google-app.ts';
import { systemClock } from '../../../../../server/clock.ts';
import { getDb } from '../../../../../server/db.ts';

export const dynamic = 'force-dynamic';

const Query = z.object({
  businessId: z.string().min(1).max(100),
  for: z.enum(['business', 'me']).default('business'),
});

/**
 * Starts connecting Google Calendar (not sign-in): the owner connects the business's calendar, any member
 * their own. Sends the browser to Google with a one-time state and the PKCE S256 challenge.
 */
export async function GET(request: NextRequest) {
  const config = getEnv().calendar;
  const query = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (config === undefined || !query.success) {
    return NextResponse.json(
      { error: { code: 'calendar_not_configured', message: 'Google Calendar is not set up' } },
      { status: 404 },
    );
  }
  const { businessId } = query.data;
  const access =
    query.data.for === 'me' ? await requireBusinessAccess(businessId) : await requireOwner(businessId);
  const started = await startCalendarConnection({
    ctx: {
      ...tenantContext(await getDb(), businessId, { kind: 'staff', userId: access.user.id }),
      nowMs: systemClock(),
    },
    input: {
      startedByUserId: access.user.id,
      ...(query.data.for === 'me' ? { memberUserId: access.user.id } : {}),
    },
  });
  const app = calendarOAuthApp(config, browserOrigin(request));
  return NextResponse.redirect(
    authorizationUrl(app, {
      state: packState(businessId, started.state),
      codeChallenge: started.codeChallenge,
      loginHint: access.user.email,
    }),
  );
}
