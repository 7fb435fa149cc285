import {
  isDomainError,
  saveCalendarConnection,
  startCalendarSyncs,
  takeCalendarAuthorization,
  tenantContext,
} from '@receptionist/domain';
import { createGoogleCalendarApi, exchangeCode, GoogleCalendarError } from '@receptionist/google-calendar';
import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '../../../../../env.ts';
import { requireBusinessAccess } from '../../../../../server/auth/current-user.ts';
import { browserOrigin, calendarOAuthApp, unpackState } from '../../../../../server/calendar/google-app.ts';
import { systemClock } from '../../../../../server/clock.ts';
import { getDb } from '../../../../../server/db.ts';
import { log } from '../../../../../server/log.ts';

export const dynamic = 'force-dynamic';

/**
 * Google sends the owner back here: the state is taken (once, by who started it), the code is traded
 * with the PKCE verifier, the account's calendars are listed and the connection saved with its tokens
 * encrypted; then the first sync is queued and the owner lands on the calendar settings.
 */
export async function GET(request: NextRequest) {
  const config = getEnv().calendar;
  const params = request.nextUrl.searchParams;
  const unpacked = unpackState(params.get('state') ?? '');
  const origin = getEnv().webPublicUrl ?? browserOrigin(request);
  if (config === undefined || unpacked === undefined) return NextResponse.redirect(new URL('/', origin));
  const { businessId } = unpacked;
  const back = (outcome: string) =>
    NextResponse.redirect(new URL(`/b/${businessId}/settings/calendar?calendar=${outcome}`, origin));
  const { user } = await requireBusinessAccess(businessId);
  const db = await getDb();
  const ctx = { ...tenantContext(db, businessId, { kind: 'staff', userId: user.id }), nowMs: systemClock() };
  try {
    const { codeVerifier, memberUserId } = await takeCalendarAuthorization({
      ctx,
      input: { state: unpacked.secret, userId: user.id },
    });
    const code = params.get('code');
    if (code === null) return back('denied');
    const app = calendarOAuthApp(config, browserOrigin(request));
    const tokens = await exchangeCode(app, { code, codeVerifier, nowMs: systemClock() });
    const calendars = await createGoogleCalendarApi({ app, tokens, maxAttempts: 2 }).listCalendars();
    const primary = calendars.find((calendar) => calendar.primary);
    const connection = await saveCalendarConnection({
      ctx,
      input: {
        memberUserId,
        accountEmail: primary?.id ?? calendars[0]?.id ?? 'Google account',
        calendars,
        tokens,
      },
      key: config.tokenKey,
    });
    await startCalendarSyncs({ ctx, input: { connectionId: connection.id } });
    log.info({ userId: user.id, businessId, connectionId: connection.id }, 'calendar connected');
    return back('connected');
  } catch (error) {
    if (isDomainError(error) || error instanceof GoogleCalendarError) {
      log.warn({ err: error, businessId }, 'calendar connection failed');
      return back('failed');
    }
    throw error;
  }
}
