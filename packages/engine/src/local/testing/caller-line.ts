/**
 * A phone line in a test: sends 20 ms frames continuously (silence when the caller says nothing), the
 * way Twilio streams a call, so the VAD and pocketsphinx see real gaps between utterances.
 * `speed` > 1 plays faster than real time (both engines endpoint on audio time, not wall time).
 */
export class CallerLine {
  readonly #frameBytes: number;
  readonly #silenceFrame: Uint8Array;
  readonly #push: (frame: Uint8Array) => void;
  readonly #speed: number;
  #queue: Array<{ frames: Uint8Array[]; done: () => void }> = [];
  #timer: NodeJS.Timeout | undefined;
  #started = 0;
  #framesSent = 0;
  /** performance.now() when the last frame of the most recent utterance was sent. */
  lastSpeechSentAt = 0;

  constructor(options: {
    bytesPerMs: number;
    silenceByte: number;
    push: (frame: Uint8Array) => void;
    speed?: number;
  }) {
    this.#frameBytes = 20 * options.bytesPerMs;
    this.#silenceFrame = new Uint8Array(this.#frameBytes).fill(options.silenceByte);
    this.#push = options.push;
    this.#speed = options.speed ?? 1;
  }

  start(): void {
    this.#started = performance.now();
    this.#timer = setInterval(() => this.#tick(), 10);
  }

  /** Queues an utterance; resolves once its last frame has been sent. */
  say(audio: Uint8Array): Promise<void> {
    const frames: Uint8Array[] = [];
    for (let offset = 0; offset < audio.length; offset += this.#frameBytes) {
      const frame = new Uint8Array(this.#frameBytes).fill(this.#silenceFrame[0] ?? 0);
      frame.set(audio.subarray(offset, Math.min(offset + this.#frameBytes, audio.length)));
      frames.push(frame);
    }
    return new Promise((resolve) => this.#queue.push({ frames, done: resolve }));
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const due = Math.floor(((performance.now() - this.#started) * this.#speed) / 20);
    while (this.#framesSent < due) {
      const utterance = this.#queue[0];
      const frame = utterance?.frames.shift();
      this.#push(frame ?? this.#silenceFrame);
      this.#framesSent++;
      if (utterance && utterance.frames.length === 0) {
        this.#queue.shift();
        this.lastSpeechSentAt = performance.now();
        utterance.done();
      }
    }
  }
}
