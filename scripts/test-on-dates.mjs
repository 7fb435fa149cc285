#!/usr/bin/env node
// `npm run test:dates`: the whole `npm test`, once per chosen date, with the clock of every process it
// starts (Node, pocketsphinx, flite, Chromium) moved there by libfaketime (Debian's faketime, installed by
// set-up). The dates are where date code breaks: month ends, a leap day, the DST Sundays of the demo
// business's zone (America/New_York) inside the hour that is skipped or repeated, and the holidays around
// the year's turn that its profile closes. Every clock is moved by the same offset and runs at normal speed.
// Usage: npm run test:dates [-- --dates 2028-02-29T17:00:00Z,... --command "npm run test:unit"]
// Prints one JSON line per date and a summary; exits non-zero when any date failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** UTC instants; the comment is the time in New York. */
const DATES = [
  '2026-01-31T22:00:00Z', // Sat 31 Jan 17:00: a month end on a weekend
  '2026-02-28T15:00:00Z', // Sat 28 Feb 10:00: February's end in a common year
  '2026-04-30T21:00:00Z', // Thu 30 Apr 17:00: a 30-day month's end, after closing time
  '2028-02-29T17:00:00Z', // Tue 29 Feb 12:00: a leap day
  '2026-03-08T07:30:00Z', // Sun 8 Mar 03:30 EDT: the spring-forward Sunday (02:00–03:00 never happened)
  '2026-11-01T05:30:00Z', // Sun 1 Nov 01:30 EDT: the fall-back Sunday, inside the hour that repeats
  '2026-12-24T14:00:00Z', // Thu 24 Dec 09:00: Christmas Eve, closed in the demo profile
  '2026-12-25T17:00:00Z', // Fri 25 Dec 12:00: Christmas, closed
  '2026-12-31T23:30:00Z', // Thu 31 Dec 18:30: the year's last evening
  '2027-01-01T05:30:00Z', // Fri 1 Jan 00:30: New Year's Day, closed
];

const { values } = parseArgs({
  options: { dates: { type: 'string' }, command: { type: 'string', default: 'npm test' } },
});
const dates = values.dates ? values.dates.split(',') : DATES;
const results = [];
for (const instant of dates) {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`not an instant: ${instant}`);
  // An offset from the real clock, the same for every process: faketime's "@date" form starts each
  // process's clock at that date when the process starts, so a server started a minute after another ran a
  // minute behind it and refused the other's 60-second tickets. Monotonic clocks stay real, so timers and
  // timeouts behave as on any day.
  const stamp = `${at.getTime() >= Date.now() ? '+' : '-'}${Math.abs(Math.round((at.getTime() - Date.now()) / 1000))}`;
  const startedMs = Date.now();
  const run = spawnSync('faketime', ['-f', stamp, 'sh', '-c', values.command], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true', DONT_FAKE_MONOTONIC: '1' },
  });
  const result = {
    date: instant,
    passed: run.status === 0,
    exitCode: run.status,
    seconds: Math.round((Date.now() - startedMs) / 1000),
  };
  results.push(result);
  console.log(`[test:dates] ${JSON.stringify(result)}`);
}
const failed = results.filter((result) => !result.passed);
console.log(`[test:dates] ${JSON.stringify({ dates: results.length, failed: failed.map((r) => r.date) })}`);
process.exit(failed.length === 0 ? 0 : 1);
