/**
 * G.711 μ-law, used until @receptionist/audio's codec lands (same contract: ITU-T G.711 bit-exact).
 * Kept tiny and table-driven because it runs for every 20 ms frame of every phone call.
 */

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

const decodeTable = new Int16Array(256);
for (let code = 0; code < 256; code++) {
  const inverted = ~code & 0xff;
  const sign = inverted & 0x80;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  decodeTable[code] = sign ? -magnitude : magnitude;
}

export function decodeMulaw(codes: Uint8Array): Int16Array {
  const samples = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) samples[i] = decodeTable[codes[i]!]!;
  return samples;
}

function encodeSample(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = sign ? -sample : sample;
  if (magnitude > MULAW_CLIP) magnitude = MULAW_CLIP;
  magnitude += MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function encodeMulaw(samples: Int16Array): Uint8Array {
  const codes = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) codes[i] = encodeSample(samples[i]!);
  return codes;
}
