import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError } from '../errors.ts';

/**
 * Password rules per OWASP ASVS v4.0 §2.1: at least 12 characters (2.1.1), at least 64 allowed (2.1.2: we
 * allow 128), any characters including spaces and emoji (2.1.4), no composition rules (2.1.9), and checked
 * against a list of breached/common passwords (2.1.7). The list (~49k entries, from zxcvbn-ts, shipped in the
 * npm package: no network) is loaded once, lower-cased.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

let commonPasswords: Set<string> | undefined;
function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return commonPasswords.has(candidate);
}

/** The reason a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  // Length in code points, so an emoji counts once (ASVS 2.1.1 note on Unicode).
  const length = [...password.normalize('NFKC')].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.normalize('NFKC').toLowerCase();
  if (new Set(lower).size < 4) return 'This password is too repetitive; try a few unrelated words';
  // A listed password with digits or symbols stuck on either end ("password2024!") is just as guessable.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (isCommon(lower) || (core.length >= 4 && isCommon(core))) {
    return 'This password is on a list of common or breached passwords; choose another';
  }
  return undefined;
}

export function assertAcceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new DomainError('weak_password', problem);
}
