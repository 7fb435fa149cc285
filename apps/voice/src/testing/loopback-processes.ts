import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * For tests that run the product's own processes on loopback (the voice server, the built dashboard):
 * a free port to give one, and a wait until it answers HTTP. Shared by the voice server's start-up tests,
 * the caller's abuse run and the dashboard's browser tests.
 */

/** A port nothing listens on right now (the OS picks it; closed again before it is handed out). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Resolves once `url` answers below 500 (a redirect counts: the dashboard's sign-in redirects), and fails
 * at once if the process exits first or after `timeoutMs`, with the end of its output.
 */
export async function waitForHttp(
  url: string,
  child: { exitCode: number | null },
  options: { name: string; output: () => string; timeoutMs: number; pollMs?: number },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited early (${child.exitCode}):\n${options.output().slice(-4_000)}`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(options.pollMs ?? 250);
  }
  throw new Error(
    `${options.name} did not answer ${url} within ${options.timeoutMs} ms:\n${options.output().slice(-4_000)}`,
  );
}
