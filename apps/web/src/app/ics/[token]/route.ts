import { calendarFeedIcs, isDomainError } from '@receptionist/domain';
import { type NextRequest, NextResponse } from 'next/server';
import { systemClock } from '../../../server/clock.ts';
import { getDb } from '../../../server/db.ts';

export const dynamic = 'force-dynamic';

/**
 * A subscribable ICS feed (`/ics/<secret>.ics`): no session, the unguessable token is the credential,
 * and a revoked or unknown one is 404. Calendar apps poll it; `no-store` keeps proxies from serving
 * a feed after it was revoked.
 */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const feed = await calendarFeedIcs({
      ctx: { db: await getDb(), nowMs: systemClock() },
      input: { token: token.replace(/\.ics$/, '') },
    });
    return new NextResponse(feed.ics, {
      status: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'attachment; filename="appointments.ics"',
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (isDomainError(error)) return new NextResponse('Not found', { status: 404 });
    throw error;
  }
}
