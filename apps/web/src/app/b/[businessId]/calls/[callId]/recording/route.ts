import { getEnv } from '../../../../../../env.ts';
import { getCurrentUser } from '../../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../../server/db.ts';
import { serveCallRecording } from '../../../../../../server/recording-audio.ts';

export const dynamic = 'force-dynamic';

/** `GET /b/:businessId/calls/:callId/recording[?download=1]`: the call's recording, members only. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ businessId: string; callId: string }> },
): Promise<Response> {
  const { businessId, callId } = await params;
  const user = await getCurrentUser();
  return serveCallRecording({
    db: await getDb(),
    recordingsDir: getEnv().recordingsDir,
    userId: user?.id ?? null,
    businessId,
    callId,
    range: request.headers.get('range'),
    download: new URL(request.url).searchParams.get('download') === '1',
  });
}
