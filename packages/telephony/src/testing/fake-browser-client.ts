import { TypedEmitter } from '@receptionist/audio';
import { WebSocket } from 'ws';
import { BROWSER_BYTES_PER_MS, BrowserServerMessage } from '../browser/protocol.ts';
import { paceFrames, splitFrames, VirtualPlayout, waitUntil } from './virtual-playout.ts';

/** 20 ms of PCM16 at 24 kHz. */
const FRAME_BYTES = 20 * BROWSER_BYTES_PER_MS;

export interface FakeBrowserConnectOptions {
  /** `ws://127.0.0.1:<port>/browser/<ticket>` */
  url: string;
  /** The page's origin, checked by the server against ALLOWED_ORIGINS. */
  origin?: string;
}

/** What a fake browser reports: each server message, the socket closing (its code). */
export interface FakeBrowserClientEvents {
  message: BrowserServerMessage;
  close: number;
}

/**
 * Plays the /test page against a voice server: PCM16 24 kHz frames paced at 20 ms, typed text, DTMF, and
 * `played` answers to marks once the audio before them has "played" in virtual real time.
 */
export class FakeBrowserClient extends TypedEmitter<FakeBrowserClientEvents> {
  readonly socket: WebSocket;
  readonly messages: BrowserServerMessage[] = [];
  /** Server text frames that break the protocol. */
  readonly protocolErrors: string[] = [];
  readonly #chunks: Uint8Array[] = [];
  #receivedBytes = 0;
  readonly #playout: VirtualPlayout;
  firstAudioAtMs: number | undefined;
  clears = 0;
  closeCode: number | undefined;

  private constructor(socket: WebSocket) {
    super();
    this.socket = socket;
    this.#playout = new VirtualPlayout((name) => this.sendJson({ type: 'played', name }));
    socket.on('message', (data, isBinary) => this.#onMessage(data as Buffer, isBinary));
    socket.on('close', (code) => {
      this.closeCode = code;
      this.#playout.dispose();
      this.emit('close', code);
    });
  }

  /** Opens the call socket; rejects with the HTTP status when the server refuses the upgrade. */
  static async connect(options: FakeBrowserConnectOptions): Promise<FakeBrowserClient> {
    const socket = new WebSocket(options.url, options.origin ? { origin: options.origin } : {});
    const client = new FakeBrowserClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`browser call upgrade refused with HTTP ${response.statusCode}`));
        socket.terminate();
      });
      socket.once('error', reject);
    });
    socket.on('error', () => {});
    return client;
  }

  get receivedAudio(): Uint8Array {
    return Buffer.concat(this.#chunks);
  }

  get receivedBytes(): number {
    return this.#receivedBytes;
  }

  get closed(): boolean {
    return this.closeCode !== undefined;
  }

  messagesOf<Type extends BrowserServerMessage['type']>(
    type: Type,
  ): Extract<BrowserServerMessage, { type: Type }>[] {
    return this.messages.filter((message) => message.type === type) as Extract<
      BrowserServerMessage,
      { type: Type }
    >[];
  }

  sendJson(message: unknown): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer, binary = typeof data !== 'string'): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(data, { binary });
  }

  /** Sends PCM16 audio in 20 ms frames, paced in real time unless `speed` says otherwise. */
  async sendAudio(pcm16: Uint8Array, options: { speed?: number } = {}): Promise<void> {
    await paceFrames(splitFrames(pcm16, FRAME_BYTES), 20 / (options.speed ?? 1), (frame) => {
      if (this.closed) return false;
      this.sendRaw(Buffer.from(frame), true);
      return true;
    });
  }

  sendText(text: string): void {
    this.sendJson({ type: 'text', text });
  }

  sendDtmf(digit: string): void {
    this.sendJson({ type: 'dtmf', digit });
  }

  /** The caller hangs up. */
  end(): void {
    this.sendJson({ type: 'end' });
  }

  async waitForMessage<Type extends BrowserServerMessage['type']>(
    type: Type,
    predicate: (message: Extract<BrowserServerMessage, { type: Type }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<BrowserServerMessage, { type: Type }>> {
    let found: Extract<BrowserServerMessage, { type: Type }> | undefined;
    await waitUntil(
      () => {
        found = this.messagesOf(type).find(predicate);
        return found !== undefined;
      },
      `a ${type} message`,
      timeoutMs,
    );
    return found as Extract<BrowserServerMessage, { type: Type }>;
  }

  async waitForAudio(minBytes = 1, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => this.#receivedBytes >= minBytes, `${minBytes} bytes of agent audio`, timeoutMs);
  }

  async waitForClose(timeoutMs = 10_000): Promise<number> {
    await waitUntil(() => this.closed, 'the call socket to close', timeoutMs);
    return this.closeCode ?? 0;
  }

  close(): void {
    this.#playout.dispose();
    if (this.socket.readyState !== this.socket.CLOSED) this.socket.terminate();
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.firstAudioAtMs ??= performance.now();
      this.#chunks.push(new Uint8Array(data));
      this.#receivedBytes += data.byteLength;
      this.#playout.enqueueAudio(data.byteLength / BROWSER_BYTES_PER_MS);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = BrowserServerMessage.safeParse(json);
    if (!parsed.success) {
      this.protocolErrors.push(data.toString('utf8').slice(0, 200));
      return;
    }
    const message = parsed.data;
    this.messages.push(message);
    if (message.type === 'mark') this.#playout.enqueueMark(message.name);
    if (message.type === 'clear') {
      this.clears += 1;
      // A browser just stops its player; pending marks need no answer.
      this.#playout.clear(false);
    }
    this.emit('message', message);
  }
}
