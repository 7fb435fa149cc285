/**
 * Which scenarios may run at the same time. Two scenarios conflict when they touch the same calendar slot
 * (setup bookings or expected bookings on the same date phrase and time) or call from the same number (the
 * caller's own appointments are looked up by caller ID). Exclusive scenarios run alone. Greedy: each
 * scenario joins the first wave it does not conflict with, up to `concurrency` per wave.
 */
import type { LoadedScenario } from './loader.ts';

function touchedKeys({ scenario }: LoadedScenario): Set<string> {
  const keys = new Set<string>([`caller:${scenario.caller.from}`]);
  const slot = (date: string | undefined, time: string | undefined): void => {
    if (date || time) keys.add(`slot:${(date ?? '*').toLowerCase().replace(/^next\s+/, '')}@${time ?? '*'}`);
  };
  for (const appointment of scenario.setup.appointments) slot(appointment.date, appointment.time);
  slot(scenario.expect.appointment?.date, scenario.expect.appointment?.time);
  slot(scenario.expect.appointment_rescheduled?.date, scenario.expect.appointment_rescheduled?.time);
  return keys;
}

function conflicts(a: Set<string>, b: Set<string>): boolean {
  for (const key of a) {
    if (b.has(key)) return true;
    // A wildcard date or time conflicts with any slot sharing the other half.
    if (key.startsWith('slot:')) {
      const [date, time] = key.slice(5).split('@');
      for (const other of b) {
        if (!other.startsWith('slot:')) continue;
        const [otherDate, otherTime] = other.slice(5).split('@');
        const dateClash = date === '*' || otherDate === '*' || date === otherDate;
        const timeClash = time === '*' || otherTime === '*' || time === otherTime;
        if (dateClash && timeClash) return true;
      }
    }
  }
  return false;
}

export function planWaves(scenarios: readonly LoadedScenario[], concurrency: number): LoadedScenario[][] {
  const waves: Array<{ members: LoadedScenario[]; keys: Set<string>[]; exclusive: boolean }> = [];
  for (const loaded of scenarios) {
    const keys = touchedKeys(loaded);
    const exclusive = loaded.scenario.exclusive;
    const wave = exclusive
      ? undefined
      : waves.find(
          (candidate) =>
            !candidate.exclusive &&
            candidate.members.length < concurrency &&
            candidate.keys.every((other) => !conflicts(keys, other)),
        );
    if (wave) {
      wave.members.push(loaded);
      wave.keys.push(keys);
    } else {
      waves.push({ members: [loaded], keys: [keys], exclusive });
    }
  }
  return waves.map((wave) => wave.members);
}
