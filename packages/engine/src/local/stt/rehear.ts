import { spawn } from 'node:child_process';
import type { TurnAudio } from '../audio/recent-audio.ts';
import { LocalEngineError } from '../errors.ts';
import type { RecognizerModel } from './model-files.ts';
import { killProcessGroup } from './pocketsphinx.ts';

/** A decode of a few seconds takes ~0.15 s with the model load; past this something is wrong. */
const REHEAR_TIMEOUT_MS = 5000;

/** "david 4.330 4.840 1.000000": a word pocketsphinx's `-time yes` places in the audio. */
const TIMED_WORD = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) \S+$/;

/**
 * The words of the latest turn in `-time yes` output: those that start where that turn's audio does or
 * later, without silences, fillers and alternative-pronunciation marks.
 */
export function latestTurnWords(output: string, latestTurnStartsAtSeconds: number): string | undefined {
  const words: string[] = [];
  for (const line of output.split('\n')) {
    const match = TIMED_WORD.exec(line.trim());
    if (match?.[1] === undefined || Number(match[2]) < latestTurnStartsAtSeconds) continue;
    const word = match[1].replace(/\(\d+\)$/, '');
    if (/^(<.*>|\[.*\])$/.test(word)) continue;
    words.push(word.toLowerCase());
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * Decodes caller audio again with a JSGF grammar (a second, short-lived pocketsphinx: the call's own
 * recogniser keeps its language model) and returns what it heard in the latest turn, or undefined when
 * the grammar matched nothing there.
 */
export async function rehear(
  model: RecognizerModel,
  audio: TurnAudio,
  grammarPath: string,
): Promise<string | undefined> {
  const command =
    'cat | exec pocketsphinx_continuous -infile /dev/stdin -logfn /dev/null -time yes -hmm "$1" -jsgf "$2" -dict "$3"';
  const child = spawn(
    'sh',
    ['-c', command, 'pocketsphinx', model.acousticModelDir, grammarPath, model.dictionaryPath],
    {
      // Own process group, so a timeout ends `cat` and the decoder together.
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  child.stdin.on('error', () => {
    // EPIPE when pocketsphinx failed to start: reported by its exit code.
  });
  child.stdin.end(Buffer.from(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      killProcessGroup(child.pid);
      reject(
        new LocalEngineError('speech_failed', `decoding a turn again took over ${REHEAR_TIMEOUT_MS} ms`),
      );
    }, REHEAR_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new LocalEngineError('speech_failed', 'could not start pocketsphinx', { cause: error }));
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0)
    throw new LocalEngineError(
      'speech_failed',
      `pocketsphinx exited with code ${code} decoding a turn again`,
    );
  return latestTurnWords(output, audio.latestTurnStartsAtSeconds);
}
