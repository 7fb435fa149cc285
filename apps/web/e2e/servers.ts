import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { freePort, waitForHttp as waitForAnswer } from '../../voice/src/testing/loopback-processes.ts';

export { freePort };

/** Child processes for the e2e run: the real voice server and the real Next production server. */

export interface Child {
  name: string;
  process: ChildProcessByStdio<null, Readable, Readable>;
  output: () => string;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'] as const,
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { name, process: child, output: () => output };
}

export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<void> {
  const child = startChild(name, command, args, options);
  const code = await new Promise<number | null>((resolve) => child.process.on('exit', resolve));
  if (code !== 0) throw new Error(`${name} failed (${code}):\n${child.output()}`);
}

/** Resolves once `url` answers (below 500), failing if the child exits first or after `timeoutMs`. */
export function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  return waitForAnswer(url, child.process, { name: child.name, output: child.output, timeoutMs });
}

/** Stops a child and everything it spawned (its process group), waiting for it to exit. */
export async function stopChild(child: Child): Promise<void> {
  const pid = child.process.pid;
  if (pid === undefined || child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.on('exit', resolve));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}
