// Microphone capture: the AudioContext runs at 24 kHz, so the browser has already resampled the mic.
// This converts Float32 to PCM16 little-endian and posts 20 ms frames (480 samples) to the page,
// which sends them as binary WebSocket frames. Runs on the audio rendering thread.
const FRAME_SAMPLES = 480;

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Int16Array(FRAME_SAMPLES);
    this.filled = 0;
    this.muted = false;
    this.port.onmessage = (event) => {
      if (event.data?.type === 'mute') this.muted = Boolean(event.data.muted);
    };
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (channel === undefined) return true;
    for (let i = 0; i < channel.length; i++) {
      const sample = this.muted ? 0 : Math.max(-1, Math.min(1, channel[i]));
      this.frame[this.filled++] = sample < 0 ? sample * 0x8000 : sample * 0x7fff;
      if (this.filled === FRAME_SAMPLES) {
        const out = this.frame;
        this.port.postMessage(out.buffer, [out.buffer]);
        this.frame = new Int16Array(FRAME_SAMPLES);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('capture-processor', CaptureProcessor);
