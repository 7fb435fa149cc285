/**
 * Audio core benchmark: throughput of our G.711 codecs and resampler next to the `alawmulaw` and
 * `wavefile` packages, measured side by side in the same process, plus the real-time factor of streaming
 * 8 → 24 kHz resampling on one core and the resampler's measured frequency response.
 *
 * Prints ONE JSON object. Each figure is the median of several timed rounds after a warm-up.
 * Run: npm run bench:audio
 */
import {
  measureResamplerResponse,
  mulawDecode,
  mulawDecodeSample,
  mulawEncode,
  mulawEncodeSample,
  Resampler,
  resample,
} from '@receptionist/audio';
import alawmulaw from 'alawmulaw';
import wavefile from 'wavefile';

const ROUNDS = 7;
const MIN_ROUND_MS = 200;
const WARMUP_MS = 300;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * One timed round: calls `work` until MIN_ROUND_MS of wall time has passed and returns the samples per
 * second of process CPU time. CPU time, not wall time, because the benchmark shares a loaded machine
 * with other jobs; the benchmark is single-threaded, so it is time on one core (GC helper threads count
 * against us).
 */
function timedRound(samplesPerCall: number, work: () => unknown): number {
  let calls = 0;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  do {
    work();
    calls++;
  } while (performance.now() - wallStart < MIN_ROUND_MS);
  const cpu = process.cpuUsage(cpuStart);
  return (calls * samplesPerCall) / ((cpu.user + cpu.system) / 1e6);
}

function warmUp(work: () => unknown): void {
  const end = performance.now() + WARMUP_MS;
  while (performance.now() < end) work();
}

/** Median samples per second of ours and a peer, rounds interleaved so load changes hit both alike. */
function compare(samplesPerCall: number, ours: () => unknown, peer: () => unknown) {
  warmUp(ours);
  warmUp(peer);
  const oursRates: number[] = [];
  const peerRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    oursRates.push(timedRound(samplesPerCall, ours));
    peerRates.push(timedRound(samplesPerCall, peer));
  }
  const oursRate = median(oursRates);
  const peerRate = median(peerRates);
  return {
    oursSamplesPerSecond: Math.round(oursRate),
    peerSamplesPerSecond: Math.round(peerRate),
    ratio: Number((oursRate / peerRate).toFixed(2)),
  };
}

/** Runs `work` on every frame; keeps the last result alive so the call can't be optimised away. */
let sink: unknown;
function forEachFrame<T>(frames: T[], work: (frame: T) => unknown): void {
  for (const frame of frames) sink = work(frame);
}

/** Speech-like test signal: a few harmonics with a slow envelope plus noise. */
function speechLike(length: number, sampleRate: number): Int16Array {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff - 0.5;
  };
  return Int16Array.from({ length }, (_, n) => {
    const t = n / sampleRate;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    const voice =
      Math.sin(2 * Math.PI * 180 * t) +
      0.5 * Math.sin(2 * Math.PI * 360 * t) +
      0.3 * Math.sin(2 * Math.PI * 1100 * t);
    return Math.round((voice * 6000 + random() * 800) * envelope);
  });
}

function wavefileResample(
  pcm: Int16Array,
  fromRate: number,
  toRate: number,
  method: 'sinc' | 'point',
): Int16Array {
  const file = new wavefile.WaveFile();
  file.fromScratch(1, fromRate, '16', pcm);
  file.toSampleRate(toRate, { method });
  return file.getSamples(false, Int16Array) as unknown as Int16Array;
}

function g711Agreement() {
  // Decoding agrees everywhere; encoding of negative samples differs by design (we follow ITU-T G.191's
  // one's-complement magnitude, alawmulaw the classic 16-bit biased Sun/CCITT code). Counted, not hidden.
  let decodeMismatches = 0;
  for (let code = 0; code < 256; code++)
    if (mulawDecodeSample(code) !== alawmulaw.mulaw.decodeSample(code)) decodeMismatches++;
  let encodeMismatches = 0;
  let encodeMismatchesAfterDecode = 0;
  for (let x = -32768; x <= 32767; x++) {
    const ours = mulawEncodeSample(x);
    const theirs = alawmulaw.mulaw.encodeSample(x) & 0xff;
    if (ours !== theirs) {
      encodeMismatches++;
      if (mulawDecodeSample(ours) !== mulawDecodeSample(theirs)) encodeMismatchesAfterDecode++;
    }
  }
  return {
    decodeMismatchesOf256: decodeMismatches,
    encodeMismatchesOf65536: encodeMismatches,
    encodeMismatchesAfterDecode,
  };
}

function streamingRealTimeFactor(fromRate: number, toRate: number) {
  const audioSeconds = 60;
  const chunkSamples = (fromRate * 20) / 1000; // 20 ms frames, as calls deliver them
  const input = speechLike(fromRate * audioSeconds, fromRate);
  const run = () => {
    const resampler = new Resampler({ inputRate: fromRate, outputRate: toRate });
    for (let offset = 0; offset < input.length; offset += chunkSamples) {
      resampler.process(input.subarray(offset, offset + chunkSamples));
    }
    resampler.flush();
  };
  run(); // warm-up
  const wallFactors: number[] = [];
  const cpuFactors: number[] = [];
  for (let round = 0; round < 5; round++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    const wallSeconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    wallFactors.push(audioSeconds / wallSeconds);
    cpuFactors.push(audioSeconds / ((cpu.user + cpu.system) / 1e6));
  }
  return {
    chunkMs: 20,
    realTimeFactorWallClock: Math.round(median(wallFactors)),
    realTimeFactorCpuTime: Math.round(median(cpuFactors)),
  };
}

function responseSummary(fromRate: number, toRate: number) {
  const response = measureResamplerResponse(fromRate, toRate);
  return {
    passbandEdgeHz: response.passbandEdgeHz,
    passbandRippleDb: Number(response.passbandRippleDb.toFixed(4)),
    stopbandAttenuationDb: Number(response.stopbandAttenuationDb.toFixed(1)),
  };
}

function main(): void {
  const codecSamples = 80_000; // 10 s of 8 kHz audio per call
  const pcm8k = speechLike(codecSamples, 8000);
  const mulaw = mulawEncode(pcm8k);
  const pcmOut = new Int16Array(codecSamples);
  const mulawOut = new Uint8Array(codecSamples);
  // 20 ms frames (160 samples at 8 kHz, one Twilio media message each), 50 per timed call so the
  // harness's own overhead stays negligible next to the work.
  const frames = Array.from({ length: 50 }, (_, i) => pcm8k.slice(i * 160, (i + 1) * 160));
  const mulawFrames = frames.map((frame) => mulawEncode(frame));
  const frameSamples = 50 * 160;
  const pcmFrameOut = new Int16Array(160);
  const mulawFrameOut = new Uint8Array(160);
  const resampleInput = speechLike(8000, 8000); // 1 s per call

  const result = {
    benchmark: 'audio',
    node: process.version,
    rounds: ROUNDS,
    unit: 'input samples per second of CPU time on one core (median of rounds, ours/peer interleaved)',
    mulawDecode: {
      peer: 'alawmulaw@6 mulaw.decode',
      frame20ms: compare(
        frameSamples,
        () => forEachFrame(mulawFrames, (f) => mulawDecode(f)),
        () => forEachFrame(mulawFrames, (f) => alawmulaw.mulaw.decode(f)),
      ),
      frame20msIntoReusedBuffer: compare(
        frameSamples,
        () => forEachFrame(mulawFrames, (f) => mulawDecode(f, pcmFrameOut)),
        () => forEachFrame(mulawFrames, (f) => alawmulaw.mulaw.decode(f)),
      ),
      tenSeconds: compare(
        codecSamples,
        () => mulawDecode(mulaw),
        () => alawmulaw.mulaw.decode(mulaw),
      ),
      tenSecondsIntoReusedBuffer: compare(
        codecSamples,
        () => mulawDecode(mulaw, pcmOut),
        () => alawmulaw.mulaw.decode(mulaw),
      ),
    },
    mulawEncode: {
      peer: 'alawmulaw@6 mulaw.encode',
      frame20ms: compare(
        frameSamples,
        () => forEachFrame(frames, (f) => mulawEncode(f)),
        () => forEachFrame(frames, (f) => alawmulaw.mulaw.encode(f)),
      ),
      frame20msIntoReusedBuffer: compare(
        frameSamples,
        () => forEachFrame(frames, (f) => mulawEncode(f, mulawFrameOut)),
        () => forEachFrame(frames, (f) => alawmulaw.mulaw.encode(f)),
      ),
      tenSeconds: compare(
        codecSamples,
        () => mulawEncode(pcm8k),
        () => alawmulaw.mulaw.encode(pcm8k),
      ),
      tenSecondsIntoReusedBuffer: compare(
        codecSamples,
        () => mulawEncode(pcm8k, mulawOut),
        () => alawmulaw.mulaw.encode(pcm8k),
      ),
    },
    resample8to16: {
      ours: 'resample() Kaiser polyphase, ≥60 dB',
      vsWavefileSinc: {
        peer: 'wavefile@11 toSampleRate sinc',
        ...compare(
          8000,
          () => resample(resampleInput, 8000, 16000),
          () => wavefileResample(resampleInput, 8000, 16000, 'sinc'),
        ),
      },
      vsWavefilePoint: {
        peer: 'wavefile@11 toSampleRate point',
        ...compare(
          8000,
          () => resample(resampleInput, 8000, 16000),
          () => wavefileResample(resampleInput, 8000, 16000, 'point'),
        ),
      },
    },
    resample8to24: {
      ours: 'resample() Kaiser polyphase, ≥60 dB',
      vsWavefileSinc: {
        peer: 'wavefile@11 toSampleRate sinc',
        ...compare(
          8000,
          () => resample(resampleInput, 8000, 24000),
          () => wavefileResample(resampleInput, 8000, 24000, 'sinc'),
        ),
      },
      vsWavefilePoint: {
        peer: 'wavefile@11 toSampleRate point',
        ...compare(
          8000,
          () => resample(resampleInput, 8000, 24000),
          () => wavefileResample(resampleInput, 8000, 24000, 'point'),
        ),
      },
    },
    streaming8to24OneCore: streamingRealTimeFactor(8000, 24000),
    streaming24to8OneCore: streamingRealTimeFactor(24000, 8000),
    resamplerResponse: {
      '8000->16000': responseSummary(8000, 16000),
      '8000->24000': responseSummary(8000, 24000),
      '24000->8000': responseSummary(24000, 8000),
      '16000->8000': responseSummary(16000, 8000),
    },
    g711AgreementWithAlawmulaw: g711Agreement(),
    targets: { g711RatioAtLeast: 3, realTimeFactor8to24AtLeast: 300 },
  };
  if (sink === undefined) throw new Error('benchmark work produced nothing');
  console.log(JSON.stringify(result, null, 2));
}

main();
