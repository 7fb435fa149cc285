import { TypedEmitter } from '@receptionist/audio';
import type { WebSocket } from 'ws';
import { decodeStrictBase64, encodeBase64 } from '../base64.ts';
import { TwilioOutboundMessage } from '../twilio/media-protocol.ts';
import type { WebhookAnswer } from './fake-twilio-client.ts';
import { paceFrames, splitFrames, VirtualPlayout, waitUntil } from './virtual-playout.ts';

/** μ-law 8 kHz: 160 bytes per 20 ms frame, Twilio's observed cadence. */
const FRAME_BYTES = 160;
const FRAME_MS = 20;

export interface FakeStartOverrides {
  callSid?: string;
  /** Another account than the call's (a replay into someone else's stream). */
  accountSid?: string;
  mediaFormat?: { encoding: string; sampleRate: number; channels: number };
  customParameters?: Record<string, string>;
}

/** What a fake call reports: agent audio heard, a `clear` from the server, the socket closing (its code). */
export interface FakeTwilioCallEvents {
  audio: Uint8Array;
  clear: undefined;
  close: number;
}

/**
 * One simulated phone call on the Media Streams socket: sends audio paced at 20 ms, DTMF and stop; plays the
 * server's audio in virtual real time and acknowledges marks only after the audio before them "played";
 * echoes pending marks on `clear` like Twilio. Everything received is kept for assertions.
 */
export class FakeTwilioCall extends TypedEmitter<FakeTwilioCallEvents> {
  readonly callSid: string;
  readonly accountSid: string;
  readonly streamSid = `MZ${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`;
  readonly answer: WebhookAnswer;
  #socket: WebSocket | undefined;
  readonly #chunks: Uint8Array[] = [];
  #receivedBytes = 0;
  #sequence = 0;
  #mediaTimestampMs = 0;
  #playout: VirtualPlayout;
  /** performance.now() when the first agent audio arrived. */
  firstAudioAtMs: number | undefined;
  clears = 0;
  readonly ackedMarks: string[] = [];
  /** Server messages that break the Media Streams protocol. */
  readonly protocolErrors: string[] = [];
  closeCode: number | undefined;
  closeReason: string | undefined;
  /** Audio bytes received before each clear (to tell what the caller had heard). */
  readonly bytesAtClear: number[] = [];

  constructor(input: { callSid: string; accountSid: string; answer: WebhookAnswer }) {
    super();
    this.callSid = input.callSid;
    this.accountSid = input.accountSid;
    this.answer = input.answer;
    this.#playout = new VirtualPlayout((name) => this.#ackMark(name));
  }

  /** Waits for the socket to open and starts listening; rejects if the server refuses the upgrade. */
  async attach(socket: WebSocket): Promise<void> {
    this.#socket = socket;
    socket.on('message', (data) => this.#onMessage(data.toString()));
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.#playout.dispose();
      this.emit('close', code);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`stream upgrade refused with HTTP ${response.statusCode}`));
        socket.terminate();
      });
      socket.once('error', reject);
    });
    socket.on('error', () => {});
  }

  get socket(): WebSocket {
    if (!this.#socket) throw new Error('the TwiML offered no stream');
    return this.#socket;
  }

  get receivedBytes(): number {
    return this.#receivedBytes;
  }

  /** All agent audio received so far, concatenated (μ-law). */
  get receivedAudio(): Uint8Array {
    return Buffer.concat(this.#chunks);
  }

  get closed(): boolean {
    return this.closeCode !== undefined;
  }

  get isPlaying(): boolean {
    return this.#playout.isPlaying;
  }

  /** Milliseconds of agent audio the simulated caller has heard to the end of a mark. */
  get playedMs(): number {
    return this.#playout.playedMs;
  }

  sendRaw(data: string | Buffer): void {
    if (this.#socket?.readyState === this.#socket?.OPEN) this.#socket?.send(data);
  }

  sendJson(message: unknown): void {
    this.sendRaw(JSON.stringify(message));
  }

  sendConnected(): void {
    this.sendJson({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  }

  sendStart(overrides: FakeStartOverrides = {}): void {
    this.sendJson({
      event: 'start',
      sequenceNumber: String(this.#nextSequence()),
      streamSid: this.streamSid,
      start: {
        accountSid: overrides.accountSid ?? this.accountSid,
        streamSid: this.streamSid,
        callSid: overrides.callSid ?? this.callSid,
        tracks: ['inbound'],
        customParameters: overrides.customParameters ?? this.answer.twiml.stream?.parameters ?? {},
        mediaFormat: overrides.mediaFormat ?? { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
  }

  /** One media message with an arbitrary base64 payload (for bad-input tests). */
  sendMediaPayload(payload: string): void {
    this.sendJson({
      event: 'media',
      sequenceNumber: String(this.#nextSequence()),
      streamSid: this.streamSid,
      media: {
        track: 'inbound',
        chunk: String(this.#sequence),
        timestamp: String(this.#mediaTimestampMs),
        payload,
      },
    });
    this.#mediaTimestampMs += FRAME_MS;
  }

  /** Sends caller audio as 20 ms frames; paced in real time unless `speed` says otherwise (10 = flood). */
  async sendAudio(mulaw: Uint8Array, options: { speed?: number } = {}): Promise<void> {
    const frameMs = FRAME_MS / (options.speed ?? 1);
    await paceFrames(splitFrames(mulaw, FRAME_BYTES), frameMs, (frame) => {
      if (this.closed) return false;
      this.sendMediaPayload(encodeBase64(frame));
      return true;
    });
  }

  sendDtmf(digit: string): void {
    this.sendJson({
      event: 'dtmf',
      sequenceNumber: String(this.#nextSequence()),
      streamSid: this.streamSid,
      dtmf: { track: 'inbound_track', digit },
    });
  }

  /** The caller hangs up: Twilio sends `stop` and closes. */
  stop(): void {
    this.sendJson({
      event: 'stop',
      sequenceNumber: String(this.#nextSequence()),
      streamSid: this.streamSid,
      stop: { accountSid: this.accountSid, callSid: this.callSid },
    });
  }

  async waitForAudio(minBytes = 1, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => this.#receivedBytes >= minBytes, `${minBytes} bytes of agent audio`, timeoutMs);
  }

  async waitForClear(count = 1, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => this.clears >= count, `${count} clear message(s)`, timeoutMs);
  }

  async waitForClose(timeoutMs = 10_000): Promise<number> {
    await waitUntil(() => this.closed, 'the stream to close', timeoutMs);
    return this.closeCode ?? 0;
  }

  /** Waits until the simulated speaker has played everything received. */
  async waitForPlaybackEnd(timeoutMs = 20_000): Promise<void> {
    await waitUntil(() => !this.#playout.isPlaying, 'agent audio to finish playing', timeoutMs);
  }

  close(): void {
    this.#playout.dispose();
    if (this.#socket && this.#socket.readyState !== this.#socket.CLOSED) this.#socket.terminate();
  }

  #nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  #ackMark(name: string): void {
    this.ackedMarks.push(name);
    this.sendJson({
      event: 'mark',
      sequenceNumber: String(this.#nextSequence()),
      streamSid: this.streamSid,
      mark: { name },
    });
  }

  #onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = TwilioOutboundMessage.safeParse(json);
    if (!parsed.success) {
      // Real Twilio would answer with error 31951; tests assert this stays empty.
      this.protocolErrors.push(text.slice(0, 200));
      return;
    }
    const message = parsed.data;
    switch (message.event) {
      case 'media': {
        const audio = decodeStrictBase64(message.media.payload);
        this.firstAudioAtMs ??= performance.now();
        this.#chunks.push(audio);
        this.#receivedBytes += audio.byteLength;
        this.#playout.enqueueAudio(audio.byteLength / 8);
        this.emit('audio', audio);
        return;
      }
      case 'mark':
        this.#playout.enqueueMark(message.mark.name);
        return;
      case 'clear':
        this.clears += 1;
        this.bytesAtClear.push(this.#receivedBytes);
        this.#playout.clear(true);
        this.emit('clear', undefined);
        return;
    }
  }
}
