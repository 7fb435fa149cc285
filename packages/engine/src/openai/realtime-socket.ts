import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

const AUDIO_DELTA_TYPE = 'response.output_audio.delta';
/** Cheap pre-check before JSON.parse: every audio delta contains its type name, quoted. */
const AUDIO_DELTA_MARKER = `"${AUDIO_DELTA_TYPE}"`;

type MessageListener = (event: WebSocket.MessageEvent) => void;
type SendCallback = (error?: Error) => void;
type SendOptions = { mask?: boolean; binary?: boolean; compress?: boolean; fin?: boolean };

/**
 * The `ws` client socket the Realtime transport runs on (see transport.ts for why), with two changes:
 *
 * - Output audio deltas are taken out of the stream its `message` listeners (the SDK) see and handed
 *   to `onAudioDelta` instead. Everything else, including anything that merely mentions the type
 *   name, reaches the listeners unchanged and in order.
 * - Writes made in one tick leave in one `writev`. Under load several caller frames arrive in one read
 *   and each becomes an `input_audio_buffer.append`; a system call per message was the largest single
 *   cost of the relay (a quarter to a third of its time at 100 calls on our VMs). Nothing waits past the
 *   current tick, so no latency is added.
 */
export class RealtimeSocket extends WebSocket {
  readonly #onAudioDelta: (raw: unknown) => void;
  #tcp: Socket | undefined;

  constructor(url: string, options: WebSocket.ClientOptions, onAudioDelta: (raw: unknown) => void) {
    super(url, options);
    this.#onAudioDelta = onAudioDelta;
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

  override addEventListener<K extends keyof WebSocket.WebSocketEventMap>(
    type: K,
    listener:
      | ((event: WebSocket.WebSocketEventMap[K]) => void)
      | { handleEvent(event: WebSocket.WebSocketEventMap[K]): void },
    options?: WebSocket.EventListenerOptions,
  ): void {
    if (type !== 'message' || typeof listener !== 'function') {
      super.addEventListener(type, listener, options);
      return;
    }
    const forward = listener as MessageListener;
    super.addEventListener(
      'message',
      (event: WebSocket.MessageEvent) => {
        if (typeof event.data === 'string' && this.#tap(event.data)) return;
        forward.call(this, event);
      },
      options,
    );
  }

  /** True when `text` was an audio delta and has been handled. */
  #tap(text: string): boolean {
    if (!text.includes(AUDIO_DELTA_MARKER)) return false;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return false;
    }
    if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== AUDIO_DELTA_TYPE)
      return false;
    this.#onAudioDelta(raw);
    return true;
  }
}
