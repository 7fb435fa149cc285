import type { Writable } from 'node:stream';

/** The part of a TCP socket that write batching needs. */
export type CorkableSocket = Pick<Writable, 'cork' | 'uncork' | 'writableCorked'>;

/**
 * Holds the socket's writes until the current tick ends, so the messages a transport produces together
 * (media and its mark; several frames when agent audio arrives in a burst) leave in one `writev`. On our
 * 2-core VMs a system call per message was the largest single cost of the relay at 100 calls. Nothing
 * waits past the current tick, so no latency is added.
 */
export function holdWritesUntilTickEnd(socket: CorkableSocket | undefined): void {
  if (!socket || socket.writableCorked > 0) return;
  socket.cork();
  process.nextTick(() => socket.uncork());
}
