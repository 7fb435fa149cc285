/**
 * The HTTP side the benchmark's script relays (peer, floor) share: the Twilio voice webhook answers with
 * TwiML that connects a media stream to `ws://<host>/media-stream`, and `/healthz` says it is up. No
 * signature check: the load is ours, and the comparison is about the media path.
 */
import { createServer, type Server } from 'node:http';

export const MEDIA_STREAM_PATH = '/media-stream';

export function createRelayHttpServer(): Server {
  return createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/twilio/voice') {
      request.resume();
      request.on('end', () => {
        const host = request.headers.host ?? '127.0.0.1';
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="ws://${host}${MEDIA_STREAM_PATH}" /></Connect></Response>`,
        );
      });
      return;
    }
    if (request.url === '/healthz') {
      response.writeHead(200).end('ok');
      return;
    }
    response.writeHead(404).end();
  });
}
