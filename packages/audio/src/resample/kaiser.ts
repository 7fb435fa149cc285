/**
 * Kaiser window design helpers (Kaiser & Schafer, as given in Oppenheim & Schafer, Discrete-Time Signal
 * Processing, §7.6): the window shape parameter and filter length that reach a stopband attenuation.
 */

/** Zeroth-order modified Bessel function of the first kind, by its power series (converges fast for β < 20). */
export function besselI0(x: number): number {
  const halfX = x / 2;
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 200; k++) {
    term *= (halfX / k) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** β for a given stopband attenuation in dB. */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/**
 * Filter order (length - 1) reaching `attenuationDb` with a transition band `transitionWidth` wide,
 * expressed as a fraction of the sampling rate (0 < width < 0.5).
 */
export function kaiserOrder(attenuationDb: number, transitionWidth: number): number {
  return Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidth));
}

/** Value of a length-`length` Kaiser window at tap `index` (0 ≤ index < length). */
export function kaiserWindowAt(index: number, length: number, beta: number, i0OfBeta: number): number {
  if (length === 1) return 1;
  const position = (2 * index) / (length - 1) - 1;
  return besselI0(beta * Math.sqrt(Math.max(0, 1 - position * position))) / i0OfBeta;
}
