import { spokenDigits } from '@receptionist/engine/language';
import { isValidPhoneNumber } from 'libphonenumber-js';

/**
 * A callback number is read back the way people say it (3-3-4), so a caller who hears one group wrong
 * can say just that group ("no, two one two") instead of the whole number again: a recogniser that
 * misheard one digit in ten often hears three digits alone right.
 */

/** The 3-3-4 groups of a North American number in E.164 ("+12125550147" → 212, 555, 0147). */
export function phoneGroups(e164: string): string[] {
  const national = e164.replace(/^\+1(?=\d{10}$)/, '');
  return [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
}

/** A number a call can be placed to (libphonenumber's metadata: a real area code and exchange). */
export function isDiallable(e164: string): boolean {
  return isValidPhoneNumber(e164);
}

/** Ways of naming a group ("the area code is…", "the last four are…"), by group. */
const GROUP_NAMES = [
  /\b(area code|first (part|three|bit)|start|beginning)\b/g,
  /\b(middle( part| three| bit)?|second (part|three|bit))\b/g,
  /\b(last (part|four|bit)|end)\b/g,
];

/** Which group the caller named, if they named one. */
function namedGroup(text: string): number | undefined {
  const index = GROUP_NAMES.findIndex((pattern) => new RegExp(pattern.source).test(text));
  return index < 0 ? undefined : index;
}

/**
 * The number with one group replaced by the digits the caller said, or undefined when the reply is not a
 * single group or it is unclear which group it replaces. Without a named group the group of the same
 * length that differs least (but differs) is the one meant: "two one two" against 292, 555, 0147 is 292.
 */
export function correctGroup(e164: string, text: string): string | undefined {
  const lower = text.toLowerCase();
  // "the last four are…": the number words naming the group are not digits of it.
  const digits = spokenDigits(GROUP_NAMES.reduce((rest, pattern) => rest.replace(pattern, ' '), lower));
  if (digits.length !== 3 && digits.length !== 4) return undefined;
  const groups = phoneGroups(e164);
  const distance = (group: string): number =>
    [...group].filter((digit, index) => digit !== digits[index]).length;
  const named = namedGroup(lower);
  let index: number | undefined;
  if (named !== undefined) {
    index = groups[named]?.length === digits.length ? named : undefined;
  } else {
    const candidates = groups
      .map((group, at) => ({ at, differs: group.length === digits.length ? distance(group) : 0 }))
      .filter((candidate) => candidate.differs > 0)
      .sort((a, b) => a.differs - b.differs);
    const [best, next] = candidates;
    // Two groups equally close, or no digit in common with any: asking again beats guessing.
    const clear = best !== undefined && (next === undefined || next.differs > best.differs);
    if (clear && best.differs < digits.length) index = best.at;
  }
  if (index === undefined) return undefined;
  groups[index] = digits;
  return `+1${groups.join('')}`;
}
