// Agent audio playback: a queue of PCM16 chunks and marks, played in order at 24 kHz.
// - `audio` messages append samples; `mark` messages are queued between them and echoed back as
//   `played` once every sample before them has been output (the server learns what the caller heard).
// - `clear` (barge-in) drops everything queued at once; dropped marks are not answered.
// - Every ~100 ms it reports how many milliseconds have actually been played.
class PlaybackProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];
    this.offset = 0;
    this.playedSamples = 0;
    this.sinceReport = 0;
    this.port.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'audio') this.queue.push({ samples: new Int16Array(message.buffer) });
      else if (message.type === 'mark') this.queue.push({ mark: message.name });
      else if (message.type === 'clear') {
        const dropped = this.queue.filter((item) => item.samples).length;
        this.queue = [];
        this.offset = 0;
        this.port.postMessage({ type: 'cleared', droppedChunks: dropped });
      }
    };
  }

  flushMarks() {
    while (this.queue.length > 0 && this.queue[0].mark !== undefined) {
      this.port.postMessage({ type: 'played', name: this.queue.shift().mark });
    }
  }

  process(_inputs, outputs) {
    const output = outputs[0]?.[0];
    if (output === undefined) return true;
    let written = 0;
    this.flushMarks();
    while (written < output.length && this.queue.length > 0) {
      const head = this.queue[0];
      const samples = head.samples;
      const take = Math.min(output.length - written, samples.length - this.offset);
      for (let i = 0; i < take; i++) output[written + i] = samples[this.offset + i] / 0x8000;
      written += take;
      this.offset += take;
      if (this.offset >= samples.length) {
        this.queue.shift();
        this.offset = 0;
        this.flushMarks();
      }
    }
    for (let i = written; i < output.length; i++) output[i] = 0;
    this.playedSamples += written;
    this.sinceReport += output.length;
    if (this.sinceReport >= 2400) {
      this.sinceReport = 0;
      this.port.postMessage({ type: 'progress', playedMs: Math.round(this.playedSamples / 24) });
    }
    return true;
  }
}

registerProcessor('playback-processor', PlaybackProcessor);
