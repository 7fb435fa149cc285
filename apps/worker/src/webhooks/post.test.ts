import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook } from './post.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

const loopback = [{ address: '127.0.0.1', family: 4 as const }];

describe('postWebhook', () => {
  it('does not follow a redirect: it is a failed attempt, and the target is never called', async () => {
    let targetHits = 0;
    const target = await serve((_request, response) => {
      targetHits += 1;
      response.end();
    });
    const port = await serve((_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${target}/` }).end();
    });
    const outcome = await postWebhook({
      url: new URL(`http://127.0.0.1:${port}/hook`),
      addresses: loopback,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 2_000,
    });
    expect(outcome).toEqual({ ok: false, status: 302, error: 'HTTP 302' });
    expect(targetHits).toBe(0);
  });

  it('connects to the given address whatever the URL’s host name, sending the body intact', async () => {
    let seen: { host?: string | undefined; body: string } | undefined;
    const port = await serve((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen = { host: request.headers.host, body: Buffer.concat(chunks).toString('utf8') };
        response.writeHead(200).end('ok');
      });
    });
    const body = JSON.stringify({ type: 'call.ended', data: { name: 'Zoë' } });
    const outcome = await postWebhook({
      url: new URL(`http://receiver.invalid:${port}/hook`),
      addresses: loopback,
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs: 2_000,
    });
    expect(outcome).toEqual({ ok: true, status: 200 });
    expect(seen).toEqual({ host: `receiver.invalid:${port}`, body });
  });

  it('gives up on a receiver that answers headers but never finishes the body', async () => {
    const port = await serve((_request, response) => {
      response.writeHead(200);
      response.write('still going');
    });
    const outcome = await postWebhook({
      url: new URL(`http://127.0.0.1:${port}/hook`),
      addresses: loopback,
      headers: {},
      body: '{}',
      timeoutMs: 300,
    });
    expect(outcome).toEqual({ ok: false, error: 'timed out after 300 ms' });
  });
});
