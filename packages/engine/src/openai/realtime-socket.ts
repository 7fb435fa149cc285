import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

type SendCallback = (error?: Error) => void;
type SendOptions = { mask?: boolean; binary?: boolean; compress?: boolean; fin?: boolean };

/**
 * The `ws` client socket of one Realtime connection. Writes made in one tick leave in one `writev`:
 * under load several caller frames arrive in one read and each becomes an `input_audio_buffer.append`,
 * and a system call per message was the largest single cost of the relay (a quarter to a third of its
 * time at 100 calls on our VMs). Nothing waits past the current tick, so no latency is added.
 */
export class RealtimeSocket extends WebSocket {
  #tcp: Socket | undefined;

  constructor(url: string, options: WebSocket.ClientOptions) {
    super(url, options);
    this.once('upgrade', (response) => {
      this.#tcp = response.socket;
    });
  }

  override send(data: WebSocket.Data, callback?: SendCallback): void;
  override send(data: WebSocket.Data, options: SendOptions, callback?: SendCallback): void;
  override send(data: WebSocket.Data, options?: SendOptions | SendCallback, callback?: SendCallback): void {
    const tcp = this.#tcp;
    if (tcp && tcp.writableCorked === 0) {
      tcp.cork();
      process.nextTick(() => tcp.uncork());
    }
    if (typeof options === 'function') super.send(data, options);
    else super.send(data, options ?? {}, callback);
  }
}
