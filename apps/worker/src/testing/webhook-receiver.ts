import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver does with the next request: answer with a status, or never answer (a hang). */
export type ReceiverBehaviour = { status: number } | 'hang';

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request, answers as told, can go down and come
 * back up on the same port (a receiver outage).
 */
export class TestWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  behaviour: ReceiverBehaviour = { status: 204 };
  private server: Server | undefined;
  private readonly hung = new Set<import('node:http').ServerResponse>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (this.behaviour === 'hang') {
          this.hung.add(response);
          return;
        }
        response.writeHead(this.behaviour.status).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening (connections are refused) but keeps the port number for `start(port)`. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const response of this.hung) response.destroy();
    this.hung.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
