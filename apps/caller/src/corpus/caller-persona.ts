/**
 * The corpus caller listens, as a person on the phone does: when the receptionist reads back a callback
 * number that is not the one the caller gave, the caller says "no" and the group that is wrong; read back
 * wrong again, the caller keys the number in when offered the keypad; asked for the name once more, the
 * caller says it again; a booking read back for another name gets "no, my name is …", and one read back at
 * another time than the one wanted gets "no, at ten a m"; told
 * "Sorry, I did not catch that" or "was that a yes or a no?", the caller says its last line once more. Then
 * the script goes on; everything else the script already says. The caller knows only what its scenario
 * says: the digits in its lines.
 */
import { numberToWords, spokenDigits } from '@receptionist/engine/language';
import type { CorpusScenario } from './schema.ts';

/** The ten-digit number the caller gives in one of its lines, if it gives one. */
export function numberOf(scenario: CorpusScenario): string | undefined {
  for (const turn of scenario.turns) {
    if (!('say' in turn)) continue;
    const digits = spokenDigits(turn.say).replace(/^1(?=\d{10}$)/, '');
    if (digits.length === 10) return digits;
  }
  return undefined;
}

/** The line in which the caller gives its name ("my name is sarah kim"), if one does. */
export function nameLineOf(scenario: CorpusScenario): string | undefined {
  for (const turn of scenario.turns) {
    if ('say' in turn && /^(my name is|this is|it's|it is) /.test(turn.say)) return turn.say;
  }
  return undefined;
}

/** The caller's own first name and surname, as its name line gives them ("this is carlos rivera and …"). */
export function nameOf(scenario: CorpusScenario): string | undefined {
  return /^(?:my name is|this is|it's|it is) ([a-z']+ [a-z']+)/.exec(nameLineOf(scenario) ?? '')?.[1];
}

/** The correction to a booking read back for someone else ("…, for Daniel Morgan, phone number …"). */
export function correctReadBackName(agentSaid: string, name: string | undefined): string | undefined {
  const readBack = /\bfor ([A-Za-z' ]+?), phone number\b/.exec(agentSaid)?.[1];
  if (name === undefined || readBack === undefined || readBack.toLowerCase() === name) return undefined;
  return `no my name is ${name}`;
}

/** "I have two nine two, five five five, zero one four seven. Is that right?" → its digits by group. */
function readBackGroups(agentSaid: string): string[] | undefined {
  const match = /\bI have ([a-z ,]+?)(?:\.|, but)/i.exec(agentSaid);
  if (match?.[1] === undefined) return undefined;
  const groups = match[1].split(',').map((group) => spokenDigits(group));
  return groups.join('').length === 10 ? groups : undefined;
}

/** The correction a caller makes to a number read back wrong, or undefined when it was read right. */
export function correctReadBack(agentSaid: string, number: string | undefined): string | undefined {
  if (number === undefined) return undefined;
  const groups = readBackGroups(agentSaid);
  if (groups === undefined || groups.join('') === number) return undefined;
  let start = 0;
  for (const group of groups) {
    const mine = number.slice(start, start + group.length);
    start += group.length;
    if (mine !== group) return `no it's ${[...mine].map((digit) => numberToWords(Number(digit))).join(' ')}`;
  }
  return undefined;
}

/** An unscripted answer: words, or keys pressed one after another. */
export type CallerAnswer = { say: string } | { press: string };

/** "14:30" as a caller says it: "two thirty p m". */
export function spokenTime(clock: string): string {
  const [hour = 0, minute = 0] = clock.split(':').map(Number);
  const minutes = minute === 0 ? '' : minute === 30 ? ' thirty' : ` ${minute}`;
  return `${numberToWords(hour % 12 || 12)}${minutes} ${hour < 12 ? 'a m' : 'p m'}`;
}

/**
 * The correction to a booking read back ("… on Friday, December 4 at 8 AM, for …") or a time refused
 * ("Friday, December 4 at 8 AM is not available") that is not the time the caller asked for.
 */
export function correctBookingTime(agentSaid: string, wanted: string | undefined): string | undefined {
  if (wanted === undefined || !/\b(Shall I book it\?|is not available\.)/.test(agentSaid)) return undefined;
  const match = /\bat (\d{1,2})(?::(\d\d))? (AM|PM)\b/.exec(agentSaid);
  if (match === null) return undefined;
  const hour = (Number(match[1]) % 12) + (match[3] === 'PM' ? 12 : 0);
  const readBack = `${String(hour).padStart(2, '0')}:${match[2] ?? '00'}`;
  return readBack === wanted ? undefined : `no at ${spokenTime(wanted)}`;
}

/** The receptionist did not hear the caller's last line and says so ("was that a yes or a no?"). */
export function asksToRepeat(agentSaid: string): boolean {
  return /\b(did not catch that|was that a yes or a no)\b/i.test(agentSaid);
}

/**
 * The caller's unscripted answers for one scenario (fast-call.ts `answer`): `lastSaid` is the line the
 * caller said just before `agentSaid`.
 */
export function listeningCaller(
  scenario: CorpusScenario,
): (agentSaid: string, lastSaid: string) => CallerAnswer | undefined {
  const number = numberOf(scenario);
  const nameLine = nameLineOf(scenario);
  const name = nameOf(scenario);
  const wantedTime = scenario.expect.appointment?.time;
  let corrections = 0;
  let wrongNumber = false;
  let repeated: string | undefined;
  return (agentSaid, lastSaid) => {
    // Not heard: a person says the same thing again, once; asked a second time, the script goes on.
    if (asksToRepeat(agentSaid) && repeated !== lastSaid) {
      repeated = lastSaid;
      return { say: lastSaid };
    }
    if (nameLine !== undefined && /\bname\b[^.?]*\bonce more\?/.test(agentSaid)) return { say: nameLine };
    const nameFix = correctReadBackName(agentSaid, name);
    if (nameFix !== undefined) return { say: nameFix };
    const time = correctBookingTime(agentSaid, wantedTime);
    if (time !== undefined) return { say: time };
    if (number === undefined) return undefined;
    const correction = correctReadBack(agentSaid, number);
    if (readBackGroups(agentSaid) !== undefined) wrongNumber = correction !== undefined;
    if (!wrongNumber) return undefined;
    corrections++;
    // Said once and still not right: a caller offered the keypad uses it.
    if (corrections > 1 && /\bkey it in\b/.test(agentSaid)) {
      wrongNumber = false;
      return { press: number };
    }
    return correction === undefined ? undefined : { say: correction };
  };
}
