import { verifyApiKey } from '@receptionist/domain';
import { mintBrowserTicket } from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';

/** Browser tickets live this long: enough to open the socket right after minting, no more. */
const TICKET_TTL_MS = 30_000;

/**
 * `POST /api/sessions` with `Authorization: Bearer <api key>` → a single-use browser call ticket for the key's
 * business. (The web app offers the same endpoint to signed-in users with the same mint function.)
 */
export function sessionsHandler(deps: {
  env: VoiceEnv;
  db: Database;
  logger: Logger;
  metrics: VoiceMetrics;
}) {
  return async (request: Request, response: Response): Promise<void> => {
    const key = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
    const principal = key ? await verifyApiKey(deps.db, key) : undefined;
    if (!principal) {
      deps.metrics.countError('sessions_unauthorized');
      response
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({ error: { code: 'unauthorized', message: 'a valid API key is required' } });
      return;
    }
    const minted = mintBrowserTicket({
      secret: deps.env.sessionSecret,
      businessId: principal.businessId,
      userId: `api_key:${principal.apiKeyId}`,
      ttlMs: TICKET_TTL_MS,
    });
    deps.logger.info({ businessId: principal.businessId }, 'browser call ticket minted');
    response.status(201).json({
      ticket: minted.token,
      expiresAt: minted.expiresAt.toISOString(),
      url: `${deps.env.publicUrl.replace(/^http/, 'ws')}/browser/${minted.token}`,
    });
  };
}
