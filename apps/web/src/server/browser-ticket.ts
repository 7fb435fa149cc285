import { mintBrowserTicket } from '@receptionist/telephony';

/** The voice server's browser-call WebSocket URL for a ticket (http → ws, https → wss). */
export function browserCallUrl(voiceUrl: string, ticket: string): string {
  const url = new URL(voiceUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/browser/${encodeURIComponent(ticket)}`;
  url.search = '';
  return url.toString();
}

export interface IssuedTicket {
  ticket: string;
  expiresAt: string;
  url: string;
}

/** A single-use, ≤ 60 s ticket for one browser test call, signed with SESSION_SECRET. */
export function issueBrowserTicket(input: {
  secret: string;
  voiceUrl: string;
  businessId: string;
  userId: string;
}): IssuedTicket {
  const minted = mintBrowserTicket({
    secret: input.secret,
    businessId: input.businessId,
    userId: input.userId,
    ttlMs: 60_000,
  });
  return {
    ticket: minted.token,
    expiresAt: minted.expiresAt.toISOString(),
    url: browserCallUrl(input.voiceUrl, minted.token),
  };
}
