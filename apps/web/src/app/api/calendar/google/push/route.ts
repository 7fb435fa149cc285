import { acceptCalendarPush } from '@receptionist/domain';
import { type NextRequest, NextResponse } from 'next/server';
import { systemClock } from '../../../../../server/clock.ts';
import { getDb } from '../../../../../server/db.ts';

export const dynamic = 'force-dynamic';

/**
 * Google's push notification for a watched calendar (events.watch). It carries no body worth reading:
 * the headers name the channel and repeat our secret token; a change queues a sync of that calendar.
 * An unknown channel or wrong token gets 404, which also tells Google to stop sending.
 */
export async function POST(request: NextRequest) {
  const outcome = await acceptCalendarPush({
    ctx: { db: await getDb(), nowMs: systemClock() },
    input: {
      channelId: request.headers.get('x-goog-channel-id') ?? '',
      channelToken: request.headers.get('x-goog-channel-token') ?? '',
      resourceState: request.headers.get('x-goog-resource-state') ?? '',
    },
  });
  return new NextResponse(null, { status: outcome === 'unknown_channel' ? 404 : 200 });
}
