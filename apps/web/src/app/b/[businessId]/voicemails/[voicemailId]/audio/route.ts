import { getEnv } from '../../../../../../env.ts';
import { getCurrentUser } from '../../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../../server/db.ts';
import { serveVoicemailAudio } from '../../../../../../server/recording-audio.ts';

export const dynamic = 'force-dynamic';

/** `GET /b/:businessId/voicemails/:voicemailId/audio`: the dashboard's player source (members only). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ businessId: string; voicemailId: string }> },
): Promise<Response> {
  const { businessId, voicemailId } = await params;
  const user = await getCurrentUser();
  return serveVoicemailAudio({
    db: await getDb(),
    recordingsDir: getEnv().recordingsDir,
    userId: user?.id ?? null,
    businessId,
    voicemailId,
    range: request.headers.get('range'),
  });
}
