/**
 * `npm run bench:loopback [-- --writes N --gap-us G --bytes B]`: what one small write to a loopback TCP
 * socket costs on this machine — the system call every relay in bench:calls makes about 100 times a second
 * per call, and the largest single item in their CPU profiles.
 *
 * bench/native/loopback-write.c (compiled here with g++ as C, so the figure is the system
 * call, not Node's stream machinery) writes B-byte messages every G µs to a reader process in two modes:
 * `asleep`, the reader blocks in epoll like an idle server and each write must wake it; `busy`, the
 * reader never sleeps, like a server under load. The ratio shows how much of a write is the wake-up: on a
 * virtual machine where waking another process is expensive, a relay, its load generator and its fake peer
 * sharing the machine pay it on most writes. Output: JSON, p50/p99 µs per mode and their ratio.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './calls-processes.ts';
import { round, summarize } from './calls-stats.ts';

function main(): void {
  const { values } = parseArgs({
    options: {
      writes: { type: 'string', default: '3000' },
      'gap-us': { type: 'string', default: '500' },
      bytes: { type: 'string', default: '300' },
    },
  });
  const directory = mkdtempSync(join(tmpdir(), 'bench-loopback-'));
  try {
    const binary = join(directory, 'loopback-write');
    // g++ is on every machine we set up (DEVELOPERS.md); `-x c` compiles the file as C.
    execFileSync('g++', ['-x', 'c', '-O2', '-o', binary, join(repoRoot, 'bench/native/loopback-write.c')]);
    const run = (mode: 'asleep' | 'busy') => {
      const output = execFileSync(binary, [values.writes, values['gap-us'], values.bytes, mode], {
        maxBuffer: 64 * 1024 * 1024,
      });
      const micros = output
        .toString()
        .trim()
        .split('\n')
        .map((line) => Number(line) / 1000);
      // The first tenth warms caches and the connection; it is dropped.
      return summarize(micros.slice(Math.floor(micros.length / 10)));
    };
    const asleep = run('asleep');
    const busy = run('busy');
    console.log(
      JSON.stringify({
        benchmark: 'loopback',
        messageBytes: Number(values.bytes),
        writes: Number(values.writes),
        gapUs: Number(values['gap-us']),
        writeMicros: { readerAsleep: asleep, readerBusy: busy },
        ratioAsleepOverBusyP50: round(asleep.p50 / busy.p50, 2),
      }),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
