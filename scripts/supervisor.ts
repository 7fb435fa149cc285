/**
 * The process supervisor behind `npm start`: runs each service as ONE process in its own process group (no
 * npx/tsx wrapper in between, whose early exit used to end the wait and SIGKILL the voice server a second into
 * its drain), and on stop sends each service SIGTERM exactly once, then waits for it to exit for up to its own
 * drain timeout before anything is SIGKILLed.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long this service may take to drain after SIGTERM before it is killed. */
  drainTimeoutMs: number;
  /** `pipe` lets the caller read the service's output (the abuse suite checks what it prints). */
  stdio?: 'inherit' | 'ignore' | 'pipe';
}

interface Service {
  spec: ServiceSpec;
  child: ChildProcess;
  exited: Promise<void>;
}

export interface SupervisorOptions {
  /** Slack on top of each drain timeout: the service still has to close its database and flush its log. */
  graceMs?: number;
  /** A service exited on its own (not during stop). */
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  log?: (line: string) => void;
}

export class Supervisor {
  readonly #services: Service[] = [];
  readonly #options: Required<Omit<SupervisorOptions, 'onUnexpectedExit'>> & SupervisorOptions;
  #stopping: Promise<void> | undefined;

  constructor(options: SupervisorOptions = {}) {
    this.#options = { graceMs: 5_000, log: (line) => console.error(line), ...options };
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  start(spec: ServiceSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: spec.stdio ?? 'inherit',
      // Its own group: Ctrl-C reaches only the supervisor, which decides how each service stops.
      detached: true,
    });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.#options.onUnexpectedExit?.(spec.name, code, signal);
        resolve();
      });
      child.once('error', () => resolve());
    });
    this.#services.push({ spec, child, exited });
    return child;
  }

  /** Stops every service: SIGTERM once each, wait for its drain, SIGKILL only what is still there after it. */
  stop(): Promise<void> {
    this.#stopping ??= Promise.all(this.#services.map((service) => this.#stopOne(service))).then(() => {});
    return this.#stopping;
  }

  /** A second Ctrl-C: the person does not want to wait for the drain. */
  kill(): void {
    for (const service of this.#services) signalGroup(service.child, 'SIGKILL');
  }

  async #stopOne(service: Service): Promise<void> {
    if (hasExited(service.child)) return;
    signalProcess(service.child, 'SIGTERM');
    const limitMs = service.spec.drainTimeoutMs + this.#options.graceMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      service.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), limitMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut)
      this.#options.log(`[start] ${service.spec.name} did not stop within ${limitMs} ms; killing it`);
    // Also clears anything the service left behind in its group (a build worker, a helper process).
    signalGroup(service.child, 'SIGKILL');
    if (timedOut) await service.exited;
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function signalProcess(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    child.kill(signal);
  } catch {
    // Already gone.
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
