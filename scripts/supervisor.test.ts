import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor } from './supervisor.ts';

/**
 * A stand-in service: on each SIGTERM it appends a line to a file, then "drains" for `drainMs` before exiting 0.
 * With `ignoreTerm` it never exits on its own.
 */
function serviceScript(logPath: string, drainMs: number, ignoreTerm = false): string {
  return `
    const fs = require('node:fs');
    fs.appendFileSync(${JSON.stringify(logPath)}, 'started\\n');
    setInterval(() => {}, 1000);
    process.on('SIGTERM', () => {
      fs.appendFileSync(${JSON.stringify(logPath)}, 'SIGTERM\\n');
      if (${ignoreTerm}) return;
      setTimeout(() => { fs.appendFileSync(${JSON.stringify(logPath)}, 'drained\\n'); process.exit(0); }, ${drainMs});
    });`;
}

async function waitForFile(path: string, text: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    try {
      if (readFileSync(path, 'utf8').includes(text)) return;
    } catch {
      // not written yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} never said ${text}`);
}

describe('Supervisor (npm start)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
    dirs.push(dir);
    return dir;
  };

  it('sends SIGTERM once and lets a service drain past the old 1 s cut-off before anything is killed', async () => {
    const dir = tempDir();
    const log = join(dir, 'voice.log');
    const supervisor = new Supervisor({ graceMs: 1_000, log: () => {} });
    const child = supervisor.start({
      name: 'voice',
      command: process.execPath,
      args: ['-e', serviceScript(log, 2_500)],
      cwd: dir,
      env: process.env,
      drainTimeoutMs: 5_000,
      stdio: 'ignore',
    });
    await waitForFile(log, 'started');
    // Two stop requests (Ctrl-C and a SIGTERM from a service manager) still mean one signal.
    await Promise.all([supervisor.stop(), supervisor.stop()]);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['started', 'SIGTERM', 'drained']);
    expect(child.exitCode).toBe(0);
    expect(child.signalCode).toBeNull();
  });

  it('kills a service that does not stop within its drain timeout', async () => {
    const dir = tempDir();
    const log = join(dir, 'stuck.log');
    const lines: string[] = [];
    const supervisor = new Supervisor({ graceMs: 200, log: (line) => lines.push(line) });
    const child = supervisor.start({
      name: 'stuck',
      command: process.execPath,
      args: ['-e', serviceScript(log, 0, true)],
      cwd: dir,
      env: process.env,
      drainTimeoutMs: 300,
      stdio: 'ignore',
    });
    await waitForFile(log, 'started');
    await supervisor.stop();
    expect(child.signalCode).toBe('SIGKILL');
    expect(lines.join('\n')).toMatch(/stuck did not stop within 500 ms/);
  });

  it('reports a service that exits on its own, but not one it stopped', async () => {
    const dir = tempDir();
    const exits: string[] = [];
    const supervisor = new Supervisor({ onUnexpectedExit: (name, code) => exits.push(`${name}:${code}`) });
    const child = supervisor.start({
      name: 'crashy',
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      cwd: dir,
      env: process.env,
      drainTimeoutMs: 1_000,
      stdio: 'ignore',
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(exits).toEqual(['crashy:3']);
    await supervisor.stop();
    expect(exits).toEqual(['crashy:3']);
  });
});
