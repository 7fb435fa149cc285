import { Resampler } from './resampler.ts';

/** One-shot resampling of a whole signal; returns the same array type it is given. */
export function resample<T extends Int16Array | Float32Array>(
  samples: T,
  inputRate: number,
  outputRate: number,
): T {
  const format = samples instanceof Float32Array ? 'float32' : 'int16';
  const resampler = new Resampler({ inputRate, outputRate, format });
  const head = resampler.process(samples);
  const tail = resampler.flush();
  const out =
    samples instanceof Float32Array
      ? new Float32Array(head.length + tail.length)
      : new Int16Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out as T;
}
