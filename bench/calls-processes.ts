/**
 * Child processes for the call benchmark: start a TypeScript entry under Node with an IPC channel, wait for
 * its messages, and read its CPU time and resident memory from /proc (Linux) so every relay is measured
 * from the outside the same way.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface NodeChild {
  child: ChildProcess;
  pid: number;
  /** Resolves with the first IPC message of `type` (rejects on exit or after `timeoutMs`). */
  waitFor<T extends { type: string }>(type: string, timeoutMs?: number): Promise<T>;
  request<T extends { type: string }>(message: object, replyType: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function startNodeChild(options: {
  script: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  preload?: string[];
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  logFile: string;
}): NodeChild {
  const imports = ['tsx', ...(options.preload ?? [])].flatMap((module) => ['--import', module]);
  const nodeArgs = [...(options.nodeFlags ?? []), ...imports, options.script, ...(options.args ?? [])];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log = createWriteStream(options.logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`could not start ${options.script}`);
  const pid = child.pid;

  const waitFor = <T extends { type: string }>(type: string, timeoutMs = 60_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`${options.script}: no '${type}' within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message: { type?: string }): void => {
        if (message?.type === type) finish(undefined, message as T);
      };
      const onExit = (code: number | null, signal: string | null): void =>
        finish(
          new Error(`${options.script} exited (${signal ?? code}) before '${type}'; log: ${options.logFile}`),
        );
      function finish(error: Error | undefined, message?: T): void {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(message as T);
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  return {
    child,
    pid,
    waitFor,
    request(message, replyType, timeoutMs) {
      const reply = waitFor<never>(replyType, timeoutMs);
      child.send(message);
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

let clockTicksPerSecond: number | undefined;

/** User + system CPU seconds the process has used so far. */
export function processCpuSeconds(pid: number): number {
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / clockTicksPerSecond;
}

/** Resident set size in MiB. */
export function processRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  return kilobytes / 1024;
}

/**
 * Busy, stolen and total CPU time of the whole machine so far, in clock ticks (first line of /proc/stat).
 * Steal is time the hypervisor ran something else while a virtual CPU wanted to run: every process on the
 * machine stalls for it, whatever it is doing.
 */
export function machineCpuTicks(): { busy: number; steal: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the 4th and 5th fields, steal the 8th.
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, steal: fields[7] ?? 0, total };
}
