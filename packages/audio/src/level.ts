/**
 * Signal level. dBFS here is the RMS relative to a full-scale square wave (so a full-scale sine reads
 * about -3 dBFS), the simple convention energy VADs use.
 */

/** Levels below this (and exact digital silence) are reported as this, so arithmetic never sees -Infinity. */
export const SILENCE_DBFS = -120;

/** RMS of the samples as a fraction of full scale (0..1); PCM16 is divided by 32768. 0 for no samples. */
export function rms(samples: Int16Array | Float32Array): number {
  if (samples.length === 0) return 0;
  let energy = 0;
  for (let i = 0; i < samples.length; i++) energy += samples[i]! * samples[i]!;
  const value = Math.sqrt(energy / samples.length);
  return samples instanceof Int16Array ? value / 32768 : value;
}

export function rmsToDbfs(rmsValue: number): number {
  if (!(rmsValue > 0)) return SILENCE_DBFS;
  return Math.max(SILENCE_DBFS, 20 * Math.log10(rmsValue));
}

export function dbfs(samples: Int16Array | Float32Array): number {
  return rmsToDbfs(rms(samples));
}
