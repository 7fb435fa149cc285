import type { CallTransport } from '@receptionist/telephony';

/** Resolves when the far end has played all agent audio sent so far, or after `timeoutMs`. */
export async function waitForPlayback(transport: CallTransport, timeoutMs: number): Promise<void> {
  if (!transport.isPlaying || transport.closed) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      transport.off('played', onPlayed);
      transport.off('closed', done);
      resolve();
    }
    function onPlayed(): void {
      if (!transport.isPlaying) done();
    }
    transport.on('played', onPlayed);
    transport.on('closed', done);
  });
}
