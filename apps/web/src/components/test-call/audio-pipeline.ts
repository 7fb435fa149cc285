/**
 * The browser side of a test call's audio: microphone → capture worklet (PCM16, 24 kHz, 20 ms frames)
 * and agent audio → playback worklet queue (emptied on `clear`), with analysers for the visualizer.
 * One AudioContext at 24 kHz, so the browser resamples the microphone and no code here has to.
 */
export const CALL_SAMPLE_RATE = 24_000;

export interface AudioPipelineEvents {
  onCapturedFrame: (pcm16: ArrayBuffer) => void;
  onMarkPlayed: (name: string) => void;
  onPlayedMs: (playedMs: number) => void;
}

export class AudioPipeline {
  readonly context: AudioContext;
  readonly inputAnalyser: AnalyserNode;
  readonly outputAnalyser: AnalyserNode;
  #stream: MediaStream | undefined;
  #capture: AudioWorkletNode | undefined;
  #playback: AudioWorkletNode | undefined;

  private constructor(context: AudioContext) {
    this.context = context;
    this.inputAnalyser = new AnalyserNode(context, { fftSize: 256, smoothingTimeConstant: 0.7 });
    this.outputAnalyser = new AnalyserNode(context, { fftSize: 256, smoothingTimeConstant: 0.7 });
  }

  static async start(deviceId: string | undefined, events: AudioPipelineEvents): Promise<AudioPipeline> {
    const context = new AudioContext({ sampleRate: CALL_SAMPLE_RATE, latencyHint: 'interactive' });
    const pipeline = new AudioPipeline(context);
    try {
      await pipeline.#connect(deviceId, events);
    } catch (error) {
      await pipeline.stop();
      throw error;
    }
    return pipeline;
  }

  async #connect(deviceId: string | undefined, events: AudioPipelineEvents): Promise<void> {
    await Promise.all([
      this.context.audioWorklet.addModule('/worklets/capture-processor.js'),
      this.context.audioWorklet.addModule('/worklets/playback-processor.js'),
    ]);
    this.#stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        deviceId: deviceId ? { exact: deviceId } : undefined,
        channelCount: 1,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    });
    const source = this.context.createMediaStreamSource(this.#stream);
    this.#capture = new AudioWorkletNode(this.context, 'capture-processor', {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
    });
    this.#capture.port.onmessage = (event: MessageEvent<ArrayBuffer>) => events.onCapturedFrame(event.data);
    source.connect(this.inputAnalyser);
    source.connect(this.#capture);

    this.#playback = new AudioWorkletNode(this.context, 'playback-processor', {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
    });
    this.#playback.port.onmessage = (
      event: MessageEvent<{ type: string; name?: string; playedMs?: number }>,
    ) => {
      if (event.data.type === 'played' && event.data.name !== undefined) events.onMarkPlayed(event.data.name);
      if (event.data.type === 'progress' && event.data.playedMs !== undefined)
        events.onPlayedMs(event.data.playedMs);
    };
    this.#playback.connect(this.outputAnalyser);
    this.outputAnalyser.connect(this.context.destination);
    if (this.context.state === 'suspended') await this.context.resume();
  }

  /** Queues agent audio (PCM16 LE, 24 kHz). The buffer is transferred to the audio thread. */
  play(pcm16: ArrayBuffer): void {
    this.#playback?.port.postMessage({ type: 'audio', buffer: pcm16 }, [pcm16]);
  }

  /** Queues a mark after the audio queued so far; it is reported once that audio has played. */
  mark(name: string): void {
    this.#playback?.port.postMessage({ type: 'mark', name });
  }

  /** Barge-in: drop all queued agent audio now. */
  clear(): void {
    this.#playback?.port.postMessage({ type: 'clear' });
  }

  setMuted(muted: boolean): void {
    this.#capture?.port.postMessage({ type: 'mute', muted });
  }

  async stop(): Promise<void> {
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#capture?.disconnect();
    this.#playback?.disconnect();
    if (this.context.state !== 'closed') await this.context.close();
  }
}
