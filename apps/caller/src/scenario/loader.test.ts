import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioFileError } from '../errors.ts';
import { type LoadedScenario, loadScenarios, parseScenario } from './loader.ts';
import { planWaves } from './waves.ts';

const shippedFolder = fileURLToPath(new URL('../../scenarios', import.meta.url));
let tempDir: string | undefined;
afterEach(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

describe('shipped scenarios', () => {
  it('are at least 15 valid files covering every tool the local engine calls and the failure paths', async () => {
    const loaded = await loadScenarios([shippedFolder]);
    expect(loaded.length).toBeGreaterThanOrEqual(15);
    const expectedTools = new Set(
      loaded.flatMap(({ scenario }) => scenario.expect.tools?.map((t) => t.name) ?? []),
    );
    for (const tool of [
      'check_availability',
      'book_appointment',
      'reschedule_appointment',
      'cancel_appointment',
      'find_my_appointments',
      'answer_question',
      'take_message',
      'transfer_call',
      'end_call',
    ]) {
      expect(expectedTools, tool).toContain(tool);
    }
    const turnKinds = new Set(
      loaded.flatMap(({ scenario }) => scenario.turns.map((turn) => Object.keys(turn)[0])),
    );
    expect([...turnKinds].sort()).toEqual(['hangup', 'interrupt', 'press', 'say', 'silence_ms', 'wait_ms']);
    expect(loaded.some(({ scenario }) => scenario.setup.appointments.length > 0)).toBe(true);
  });

  it('plan into waves that never share a caller or a slot', async () => {
    const loaded = await loadScenarios([shippedFolder]);
    const waves = planWaves(loaded, 4);
    expect(waves.flat()).toHaveLength(loaded.length);
    for (const wave of waves) {
      expect(wave.length).toBeLessThanOrEqual(4);
      const callers = wave.map(({ scenario }) => scenario.caller.from);
      expect(new Set(callers).size).toBe(callers.length);
    }
  });
});

describe('loading scenario files', () => {
  it('names the file and the field of a bad scenario', async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'scenarios-'));
    const file = join(tempDir, 'bad.yaml');
    await writeFile(file, 'name: bad\ncaller: { from: "5551234" }\nturns:\n  - say: ""\n  - dance: true\n');
    const error = await loadScenarios([tempDir]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as ScenarioFileError).message).toContain('bad.yaml');
    expect((error as ScenarioFileError).message).toContain('caller.from');
    expect((error as ScenarioFileError).code).toBe('bad_scenario');
  });

  it('rejects YAML syntax errors and duplicate names', async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'scenarios-'));
    await writeFile(join(tempDir, 'a.yaml'), 'name: [unclosed');
    await expect(loadScenarios([tempDir])).rejects.toThrow(/not valid YAML/);
    const good = 'name: same\ncaller: { from: "+15551234567" }\nturns: [hangup]\n';
    await writeFile(join(tempDir, 'a.yaml'), good);
    await writeFile(join(tempDir, 'b.yml'), good);
    await expect(loadScenarios([tempDir])).rejects.toThrow(/also used by/);
  });

  it('applies defaults', () => {
    const scenario = parseScenario(
      { name: 'x', caller: { from: '+15551234567' }, turns: [{ say: 'hi' }] },
      'x',
    );
    expect(scenario).toMatchObject({
      business: 'demo',
      voice: 'slt',
      exclusive: false,
      setup: { appointments: [] },
      turns: [{ say: 'hi', wait_for_reply: true }],
    });
  });
});

describe('planWaves', () => {
  const make = (name: string, extra: Record<string, unknown> = {}): LoadedScenario => ({
    file: `${name}.yaml`,
    scenario: parseScenario({ name, caller: { from: '+15551234567' }, turns: ['hangup'], ...extra }, name),
  });

  it('separates scenarios that touch the same slot or caller and isolates exclusive ones', () => {
    const a = make('a', {
      caller: { from: '+15550000001' },
      expect: { appointment: { date: 'next tuesday', time: '14:00' } },
    });
    const b = make('b', {
      caller: { from: '+15550000002' },
      setup: {
        appointments: [
          { service: 'x', date: 'tuesday', time: '14:00', customer: { name: 'n', phone: '+15550000009' } },
        ],
      },
    });
    const c = make('c', { caller: { from: '+15550000003' } });
    const d = make('d', { caller: { from: '+15550000003' } });
    const e = make('e', { caller: { from: '+15550000005' }, exclusive: true });
    const waves = planWaves([a, b, c, d, e], 10).map((wave) => wave.map(({ scenario }) => scenario.name));
    expect(waves).toEqual([['a', 'c'], ['b', 'd'], ['e']]);
  });
});
