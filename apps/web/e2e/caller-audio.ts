import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DateTime } from 'luxon';

/**
 * The fake microphone's input: the caller's request spoken by flite, after enough silence for the greeting
 * to play, then silence. Chrome plays it once (`%noloop`) from the moment the page opens the microphone.
 */

function ordinal(day: number): string {
  const suffix = day % 100 >= 11 && day % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

/**
 * A weekday at least two days ahead (the onboarded business is open Monday–Friday). `now` is the real clock:
 * the e2e test drives the product as a user does, and the product runs on the real date.
 */
export function bookingDay(timeZone: string, now: DateTime): DateTime {
  let day = now.setZone(timeZone).startOf('day').plus({ days: 2 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day;
}

export function bookingRequest(day: DateTime): string {
  return `i would like to book a cleaning on ${day.toFormat('LLLL')} ${ordinal(day.day)} at ten a m`;
}

export function writeCallerWav(path: string, text: string, leadingSilenceSeconds: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const speech = join(dirname(path), 'caller-speech.wav');
  execFileSync('flite', ['-t', text, '-o', speech]);
  // 16 kHz mono PCM16: silence for the greeting, the request, then quiet so the turn ends cleanly.
  execFileSync('sox', [
    '-R', // repeatable dither: the same speech bytes on every run
    speech,
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    path,
    'pad',
    String(leadingSilenceSeconds),
    '4',
  ]);
  rmSync(speech, { force: true });
}
