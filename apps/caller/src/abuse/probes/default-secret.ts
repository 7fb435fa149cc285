import { mintBrowserTicket } from '@receptionist/telephony';
import { WebSocket } from 'ws';
import type { AbuseProbe } from '../types.ts';

/** The secret every install used when SESSION_SECRET was unset (issue 14, item 12). */
const OLD_WELL_KNOWN_SECRET = 'dev-only-session-secret-change-me-0123456789';

/** Item 12: outside production, without SESSION_SECRET, tickets signed with the old public default fail. */
export const defaultSecretProbe: AbuseProbe = {
  item: '12',
  name: 'browser-call ticket forged with the old default secret',
  expected: 'upgrade refused (401)',
  async run(ctx) {
    const forged = mintBrowserTicket({
      secret: OLD_WELL_KNOWN_SECRET,
      businessId: ctx.demoBusinessId,
      userId: ctx.owner.id,
    });
    const url = `${ctx.voiceUrl.replace(/^http/, 'ws')}/browser/${forged.token}`;
    const outcome = await new Promise<string>((resolve) => {
      const socket = new WebSocket(url, { headers: { origin: ctx.webUrl } });
      socket.once('open', () => {
        socket.close();
        resolve('opened');
      });
      socket.once('unexpected-response', (_request, response) => {
        resolve(String(response.statusCode));
        socket.terminate();
      });
      socket.once('error', (error) => resolve(`error ${error.message}`));
    });
    return {
      observed: outcome === 'opened' ? 'call opened' : `refused (${outcome})`,
      pass: outcome === '401' || outcome === '403',
    };
  },
};
