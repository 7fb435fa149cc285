import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';

/** Refuses a WebSocket upgrade with a plain HTTP answer (before any socket or call is allocated). */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
}

export type UpgradeHandler = (
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  param: string,
) => Promise<void>;

/**
 * Routes upgrades by path: `/twilio/stream/<token>` and `/browser/<ticket>`. Anything else gets 404. An
 * exception in a handler becomes a 500 refusal and a log line, never a crash.
 */
export function createUpgradeRouter(deps: {
  logger: Logger;
  metrics: VoiceMetrics;
  twilioStream: UpgradeHandler;
  browserCall: UpgradeHandler;
}) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = (request.url ?? '').split('?')[0] ?? '';
    const twilio = /^\/twilio\/stream\/([^/]{1,2048})$/.exec(path);
    const browser = /^\/browser\/([^/]{1,2048})$/.exec(path);
    const route = twilio?.[1]
      ? { handler: deps.twilioStream, param: twilio[1] }
      : browser?.[1]
        ? { handler: deps.browserCall, param: browser[1] }
        : undefined;
    if (!route) {
      deps.metrics.countError('upgrade_not_found');
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    Promise.resolve()
      .then(() => route.handler(request, socket, head, decodeURIComponent(route.param)))
      .catch((error: unknown) => {
        deps.metrics.countError('upgrade_failed');
        deps.logger.error({ err: error, path: path.replace(/\/[^/]+$/, '/…') }, 'upgrade failed');
        refuseUpgrade(socket, 500, 'Internal Server Error');
      });
  };
}
