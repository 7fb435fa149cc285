/**
 * Latency attribution for the call benchmark: every 20 ms μ-law frame the load client sends (and every
 * frame the fake realtime peer sends back) carries a stamp — a magic marker, the direction, the call index,
 * a sequence number and the monotonic send time (process.hrtime, CLOCK_MONOTONIC, shared by every process
 * on the machine). Relays pass μ-law through untouched, so the receiver finds the stamp inside whatever
 * chunking the relay chose and subtracts the send time from its own clock.
 */

export const FRAME_BYTES = 160;
export const STAMP_BYTES = 24;
const MAGIC = [0x52, 0x43, 0x42, 0x4e, 0x43, 0x48] as const; // "RCBNCH"
const SILENCE = 0xff;

export type StampDirection = 'in' | 'out';

export interface FrameStamp {
  direction: StampDirection;
  callIndex: number;
  seq: number;
  /** process.hrtime.bigint() at send time, in nanoseconds. */
  sentAtNs: bigint;
}

/** μ-law bytes of a loud, speech-like signal (a square wave near ±8 000): what the fake VAD hears. */
const SPEECH_BYTES = [0x1a, 0x9a] as const;

/** A 160-byte μ-law frame carrying `stamp`, silence after it, or a loud signal when `speech`. */
export function stampedFrame(stamp: FrameStamp, speech = false): Buffer {
  const frame = Buffer.alloc(FRAME_BYTES, SILENCE);
  if (speech) for (let i = STAMP_BYTES; i < FRAME_BYTES; i++) frame[i] = SPEECH_BYTES[i % 2] ?? SILENCE;
  writeStamp(frame, 0, stamp);
  return frame;
}

/**
 * The share of μ-law bytes in `audio` that are loud (magnitude bits in the top third of the range): a
 * crude energy measure the fake realtime peer's VAD uses. Silence frames score ~0.06 (their stamp),
 * speech frames ~0.85.
 */
export function loudShare(audio: Buffer): number {
  if (audio.length === 0) return 0;
  let loud = 0;
  for (const byte of audio) if ((byte & 0x7f) < 0x30) loud++;
  return loud / audio.length;
}

export function writeStamp(target: Buffer, offset: number, stamp: FrameStamp): void {
  for (let i = 0; i < MAGIC.length; i++) target[offset + i] = MAGIC[i] ?? 0;
  target[offset + 6] = stamp.direction === 'in' ? 1 : 2;
  target[offset + 7] = 0;
  target.writeUInt32BE(stamp.callIndex, offset + 8);
  target.writeUInt32BE(stamp.seq, offset + 12);
  target.writeBigUInt64BE(stamp.sentAtNs, offset + 16);
}

function magicAt(buffer: Buffer, offset: number): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (buffer[offset + i] !== MAGIC[i]) return false;
  return true;
}

/** Every complete stamp in `buffer`, at any alignment. */
export function readStamps(buffer: Buffer): FrameStamp[] {
  const stamps: FrameStamp[] = [];
  for (let offset = 0; offset + STAMP_BYTES <= buffer.length; offset++) {
    if (buffer[offset] !== MAGIC[0] || !magicAt(buffer, offset)) continue;
    const directionByte = buffer[offset + 6];
    if (directionByte !== 1 && directionByte !== 2) continue;
    stamps.push({
      direction: directionByte === 1 ? 'in' : 'out',
      callIndex: buffer.readUInt32BE(offset + 8),
      seq: buffer.readUInt32BE(offset + 12),
      sentAtNs: buffer.readBigUInt64BE(offset + 16),
    });
    offset += STAMP_BYTES - 1;
  }
  return stamps;
}

/**
 * Finds stamps in a stream of chunks whose boundaries may split a stamp: keeps the tail of the previous
 * chunk that could still be the start of one.
 */
export class StampScanner {
  #carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): FrameStamp[] {
    const buffer = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
    const stamps = readStamps(buffer);
    const lastStampEnd = lastStampEndOffset(buffer);
    const keepFrom = Math.max(lastStampEnd, buffer.length - (STAMP_BYTES - 1));
    this.#carry = Buffer.from(buffer.subarray(keepFrom));
    return stamps;
  }
}

function lastStampEndOffset(buffer: Buffer): number {
  let end = 0;
  for (let offset = 0; offset + STAMP_BYTES <= buffer.length; offset++) {
    if (buffer[offset] === MAGIC[0] && magicAt(buffer, offset)) {
      end = offset + STAMP_BYTES;
      offset += STAMP_BYTES - 1;
    }
  }
  return end;
}

/** Nanoseconds between `sentAtNs` and now, in milliseconds. */
export function elapsedMsSince(sentAtNs: bigint, nowNs: bigint = process.hrtime.bigint()): number {
  return Number(nowNs - sentAtNs) / 1e6;
}
