import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.ts';
import { parseWavHeader } from './parse-header.ts';
import { readWav } from './read-wav.ts';
import { WavStreamReader } from './wav-stream-reader.ts';
import { wrapWavData, writeWav } from './write-wav.ts';

/** The first 44 bytes `espeak-ng --stdout hi` really writes (22050 Hz mono PCM16, size placeholders). */
const ESPEAK_HEADER = Uint8Array.from(
  Buffer.from(
    '52494646' +
      '24f0ff7f' +
      '57415645' +
      '666d7420' +
      '10000000' +
      '0100' +
      '0100' +
      '22560000' +
      '44ac0000' +
      '0200' +
      '1000' +
      '64617461' +
      '00f0ff7f',
    'hex',
  ),
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function chunk(id: string, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  for (let i = 0; i < 4; i++) header[i] = id.charCodeAt(i);
  view.setUint32(4, body.length, true);
  return concat(header, body, new Uint8Array(body.length % 2));
}

function fmtBody(
  tag: number,
  channels: number,
  rate: number,
  bits: number,
  blockAlign = (channels * bits) / 8,
) {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint16(0, tag, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, rate, true);
  view.setUint32(8, rate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, bits, true);
  return body;
}

function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = concat(new TextEncoder().encode('WAVE'), ...chunks);
  const header = new Uint8Array(8);
  header.set(new TextEncoder().encode('RIFF'));
  new DataView(header.buffer).setUint32(4, body.length, true);
  return concat(header, body);
}

function expectWavError(action: () => unknown, code: string, message: RegExp): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AudioError);
    expect(error).toMatchObject({ code, name: 'WavError' });
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a WavError');
}

describe('writeWav / readWav', () => {
  it('writes a canonical 44-byte PCM16 header and reads it back', () => {
    const samples = Int16Array.of(0, 1, -1, 32767, -32768, 1234);
    const file = writeWav(samples, { sampleRate: 16000, channels: 2 });
    expect(file.length).toBe(44 + 12);
    expect(Buffer.from(file.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    const view = new DataView(file.buffer);
    expect(view.getUint32(4, true)).toBe(file.length - 8);
    expect(view.getUint32(28, true)).toBe(16000 * 4); // byte rate
    const wav = readWav(file);
    expect(wav).toMatchObject({ encoding: 'pcm16', sampleRate: 16000, channels: 2 });
    expect(wav.samples).toEqual(samples);
  });

  it.each(['mulaw', 'alaw'] as const)(
    'round-trips %s with a fact chunk (format tags 7 and 6)',
    (encoding) => {
      const samples = Int16Array.of(0, 8, -8, 1000, -1000, 32000, -32000);
      const file = writeWav(samples, { sampleRate: 8000, encoding });
      const view = new DataView(file.buffer);
      expect(view.getUint16(20, true)).toBe(encoding === 'mulaw' ? 7 : 6);
      expect(Buffer.from(file.subarray(38, 42)).toString('latin1')).toBe('fact');
      const wav = readWav(file);
      expect(wav.encoding).toBe(encoding);
      expect(wav.data.length).toBe(samples.length);
      // G.711 is lossy: compare against the codec's own reconstruction within one quantisation step.
      for (let i = 0; i < samples.length; i++) {
        expect(Math.abs(wav.samples[i]! - samples[i]!)).toBeLessThanOrEqual(
          Math.max(8, Math.abs(samples[i]!) / 16),
        );
      }
    },
  );

  it('wraps raw μ-law bytes unchanged (odd length gets a pad byte)', () => {
    const mulaw = Uint8Array.of(0xff, 0x7f, 0x00);
    const file = wrapWavData(mulaw, { encoding: 'mulaw', sampleRate: 8000, channels: 1 });
    expect(file.length % 2).toBe(0);
    const wav = readWav(file);
    expect([...wav.data]).toEqual([0xff, 0x7f, 0x00]);
  });

  it('skips LIST and other chunks, including odd-sized ones with their pad byte', () => {
    const pcm = Uint8Array.of(1, 0, 2, 0);
    const file = riff(
      chunk('LIST', new TextEncoder().encode('INFOISFT\u0005\u0000\u0000\u0000Lavf')),
      chunk('fmt ', fmtBody(1, 1, 8000, 16)),
      chunk('junk', Uint8Array.of(9, 9, 9)),
      chunk('data', pcm),
      chunk('LIST', Uint8Array.of(1, 2, 3, 4)),
    );
    expect([...readWav(file).samples]).toEqual([1, 2]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE PCM', () => {
    const fmt = new Uint8Array(40);
    fmt.set(fmtBody(0xfffe, 1, 24000, 16));
    const view = new DataView(fmt.buffer);
    view.setUint16(16, 22, true);
    view.setUint16(24, 1, true); // KSDATAFORMAT_SUBTYPE_PCM starts with 0x0001
    const wav = readWav(riff(chunk('fmt ', fmt), chunk('data', Uint8Array.of(0xff, 0x7f))));
    expect(wav).toMatchObject({ encoding: 'pcm16', sampleRate: 24000 });
    expect([...wav.samples]).toEqual([32767]);
  });

  it('treats the espeak-ng --stdout placeholder size as "until end" and drops a cut-off sample', () => {
    const file = concat(ESPEAK_HEADER, Uint8Array.of(1, 0, 2, 0, 3));
    const header = parseWavHeader(file);
    expect(header).toMatchObject({ sampleRate: 22050, channels: 1, dataOffset: 44, dataLength: undefined });
    expect([...readWav(file).samples]).toEqual([1, 2]);
    const ffmpegStyle = riff(chunk('fmt ', fmtBody(7, 1, 8000, 8)));
    const sizeless = concat(
      ffmpegStyle,
      Uint8Array.from(Buffer.from('64617461ffffffff', 'hex')),
      Uint8Array.of(0xff),
    );
    expect(readWav(sizeless).samples.length).toBe(1);
  });

  it.each([
    ['not RIFF', new TextEncoder().encode('OggS\u0000\u0002garbage-bytes'), 'invalid_wav', /not a RIFF/],
    ['short non-RIFF', Uint8Array.of(0x49, 0x44), 'invalid_wav', /not a RIFF/],
    [
      'big-endian RIFX',
      new TextEncoder().encode('RIFX\u0000\u0000\u0000\u0000WAVE'),
      'unsupported_format',
      /RIFX/,
    ],
    [
      'RIFF but not WAVE',
      new TextEncoder().encode('RIFF\u0004\u0000\u0000\u0000AVI '),
      'invalid_wav',
      /not WAVE/,
    ],
    ['data before fmt', riff(chunk('data', Uint8Array.of(0, 0))), 'invalid_wav', /before the fmt/],
    [
      'tiny fmt',
      riff(chunk('fmt ', new Uint8Array(8)), chunk('data', new Uint8Array(2))),
      'invalid_wav',
      /at least 16/,
    ],
    [
      'float samples',
      riff(chunk('fmt ', fmtBody(3, 1, 8000, 32)), chunk('data', new Uint8Array(4))),
      'unsupported_format',
      /tag 3/,
    ],
    [
      '8-bit PCM',
      riff(chunk('fmt ', fmtBody(1, 1, 8000, 8)), chunk('data', new Uint8Array(2))),
      'unsupported_format',
      /8 bits/,
    ],
    [
      'bad block align',
      riff(chunk('fmt ', fmtBody(1, 2, 8000, 16, 2)), chunk('data', new Uint8Array(4))),
      'invalid_wav',
      /block align/,
    ],
    [
      'zero channels',
      riff(chunk('fmt ', fmtBody(1, 0, 8000, 16, 0)), chunk('data', new Uint8Array(4))),
      'invalid_wav',
      /0 channels/,
    ],
    [
      'zero rate',
      riff(chunk('fmt ', fmtBody(1, 1, 0, 16)), chunk('data', new Uint8Array(4))),
      'invalid_wav',
      /sample rate of 0/,
    ],
    [
      'half a frame of data',
      riff(chunk('fmt ', fmtBody(1, 1, 8000, 16)), chunk('data', new Uint8Array(3))),
      'invalid_wav',
      /whole 2-byte frames/,
    ],
    ['header cut short', ESPEAK_HEADER.subarray(0, 30), 'invalid_wav', /truncated/],
    ['no data chunk', riff(chunk('fmt ', fmtBody(1, 1, 8000, 16))), 'invalid_wav', /truncated/],
  ])('rejects %s with a clear error', (_name, bytes, code, message) => {
    expectWavError(() => readWav(bytes), code, message);
  });

  it('rejects a data chunk longer than the file', () => {
    const file = writeWav(new Int16Array(10), { sampleRate: 8000 });
    expectWavError(
      () => readWav(file.subarray(0, file.length - 4)),
      'invalid_wav',
      /declares 20 bytes but only 16/,
    );
  });

  it('validates writer arguments', () => {
    expect(() => writeWav(new Int16Array(3), { sampleRate: 8000, channels: 2 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => writeWav(new Int16Array(2), { sampleRate: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});

describe('WavStreamReader', () => {
  it('decodes a file split at every possible boundary exactly like readWav', () => {
    const samples = Int16Array.from({ length: 50 }, (_, i) => ((i * 977) % 65536) - 32768);
    const withList = concat(
      ESPEAK_HEADER.subarray(0, 36),
      chunk('LIST', Uint8Array.of(1, 2, 3)),
      ESPEAK_HEADER.subarray(36),
      writeWav(samples, { sampleRate: 22050 }).subarray(44),
    );
    const expected = readWav(withList).samples;
    expect(expected).toEqual(samples);
    for (let split = 0; split <= withList.length; split++) {
      for (const second of [split, Math.min(withList.length, split + 3)]) {
        const reader = new WavStreamReader();
        const parts = [
          reader.push(withList.subarray(0, split)),
          reader.push(withList.subarray(split, second)),
          reader.push(withList.subarray(second)),
        ];
        reader.end();
        expect(concatSamples(parts), `split at ${split}/${second}`).toEqual(expected);
        expect(reader.header?.sampleRate).toBe(22050);
      }
    }
  });

  it('stops at the declared data length and ignores trailing chunks', () => {
    const file = concat(
      writeWav(Int16Array.of(5, 6, 7), { sampleRate: 8000 }),
      chunk('LIST', Uint8Array.of(1, 2)),
    );
    const reader = new WavStreamReader();
    const out = concatSamples([reader.push(file.subarray(0, 47)), reader.push(file.subarray(47))]);
    expect([...out]).toEqual([5, 6, 7]);
  });

  it('reports garbage immediately and an unfinished header at end()', () => {
    expectWavError(
      () => new WavStreamReader().push(new TextEncoder().encode('<html>')),
      'invalid_wav',
      /not a RIFF/,
    );
    const reader = new WavStreamReader();
    expect(reader.push(ESPEAK_HEADER.subarray(0, 20)).length).toBe(0);
    expect(reader.header).toBeUndefined();
    expectWavError(() => reader.end(), 'invalid_wav', /inside the WAV header after 20 bytes/);
  });
});

function concatSamples(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
