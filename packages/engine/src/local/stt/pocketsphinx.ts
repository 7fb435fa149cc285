import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LocalEngineError } from '../errors.ts';
import type { RecognizerModel } from './model-files.ts';

export interface RecognizerEvents {
  /** One hypothesis per utterance, as pocketsphinx's own endpointer cut it. */
  onHypothesis(text: string): void;
  /** The process died before `close()`. */
  onExit(error: LocalEngineError): void;
}

export interface RecognizerOptions {
  /** Silence frames (10 ms each) before pocketsphinx ends an utterance; 30 measured 350 ms median latency. */
  vadPostspeechFrames?: number;
}

/**
 * One long-lived `pocketsphinx_continuous` per call, fed 16 kHz s16le through stdin.
 * `cat |` sits in front because the CLI fopen()s /dev/stdin, which fails on the UNIX socketpair
 * Node gives a child as stdin (research/offline-speech.md, gotcha 4).
 */
export class PocketsphinxRecognizer {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #events: RecognizerEvents;
  #closing = false;
  readonly #exited: Promise<void>;

  constructor(model: RecognizerModel, events: RecognizerEvents, options: RecognizerOptions = {}) {
    this.#events = events;
    const command = [
      'cat | exec pocketsphinx_continuous -infile /dev/stdin -logfn /dev/null',
      '-hmm "$1" -lm "$2" -dict "$3" -vad_postspeech "$4"',
      // Default beams. Wider ones (1e-60, 1e-40, 1e-60) were needed only by the open vocabulary, which is
      // off by default; with the business vocabulary they cost ~35 % more CPU and made the ordinal-date
      // check differ between runs under load ("april twenty eighth at").
    ].join(' ');
    this.#child = spawn(
      'sh',
      [
        '-c',
        command,
        'pocketsphinx',
        model.acousticModelDir,
        model.languageModelPath,
        model.dictionaryPath,
        String(options.vadPostspeechFrames ?? 30),
      ],
      // Own process group, so close() can end `cat` and the recognizer together by the group id.
      { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
    );
    this.#child.stdin.on('error', () => {
      // EPIPE after the process died: reported through 'exit'.
    });
    this.#child.stderr.resume();
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const text = line.trim().toLowerCase();
      if (text !== '') this.#events.onHypothesis(text);
    });
    this.#exited = new Promise((resolve) => {
      // 'close' (not 'exit'): stdout is drained by then, so no hypothesis is lost at the end of a call.
      this.#child.once('close', (code, signal) => {
        if (!this.#closing) {
          this.#events.onExit(
            new LocalEngineError(
              'speech_failed',
              `pocketsphinx exited early (code ${code}, signal ${signal})`,
            ),
          );
        }
        resolve();
      });
      this.#child.once('error', (error) => {
        if (!this.#closing) {
          this.#events.onExit(
            new LocalEngineError('speech_failed', 'could not start pocketsphinx', { cause: error }),
          );
        }
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  write(samples: Int16Array): void {
    if (this.#closing || !this.#child.stdin.writable) return;
    this.#child.stdin.write(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  }

  /** Ends input (pocketsphinx flushes and exits); after `graceMs` the process group is killed. */
  async close(graceMs = 1000): Promise<void> {
    if (this.#closing) return this.#exited;
    this.#closing = true;
    this.#child.stdin.end();
    const timer = setTimeout(() => killProcessGroup(this.#child.pid), graceMs);
    await this.#exited;
    clearTimeout(timer);
    killProcessGroup(this.#child.pid);
  }
}

/** Ends a process group started with `detached: true` (`sh`, `cat` and pocketsphinx together). */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
