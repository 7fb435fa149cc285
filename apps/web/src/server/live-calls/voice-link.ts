import { type LiveTokenClaims, mintLiveToken } from '@receptionist/telephony';
import { getEnv } from '../../env.ts';
import { systemClock } from '../clock.ts';
import type { LiveCallListItem } from '../queries/live-calls.ts';

/**
 * How the dashboard's server reaches the voice server carrying a live call: the call row names it (several
 * servers may share one database), else the configured VOICE_URL. Each request carries a fresh live token
 * for the member's business and role, so the browser never talks to the voice server nor holds a token.
 */
export interface VoiceLink {
  url: string;
  headers: Record<string, string>;
}

export function voiceLinkFor(input: {
  call: Pick<LiveCallListItem, 'id' | 'voiceServerUrl'>;
  businessId: string;
  userId: string;
  role: LiveTokenClaims['role'];
  path: 'events' | 'actions';
}): VoiceLink {
  const env = getEnv();
  const base = (input.call.voiceServerUrl ?? env.voiceUrl).replace(/\/+$/, '');
  const token = mintLiveToken({
    secret: env.sessionSecret,
    businessId: input.businessId,
    userId: input.userId,
    role: input.role,
    nowMs: systemClock(),
  });
  return {
    url: `${base}/live/calls/${encodeURIComponent(input.call.id)}/${input.path}`,
    headers: { authorization: `Bearer ${token}` },
  };
}
