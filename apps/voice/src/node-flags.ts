/**
 * Node flags the voice server runs with (scripts/start.ts, `npm run voice`, bench:calls, the e2e setup).
 * They must be given on the command line: V8 sizes its heap when the process starts, so gc-tuning.ts
 * cannot change them afterwards.
 *
 * `--max-semi-space-size=8` (MB, the default is 16): the young generation is where each frame's short-lived
 * objects go. Under call load V8 grows it to its maximum and keeps it there: with 16 MB semi-spaces that is
 * 32 MB of resident memory, most of it garbage between collections. At 8 MB a scavenge comes twice as often
 * and costs about the same each (its cost is the objects that survive, not the space), and at 100 bench
 * calls the server's peak RSS was 46 MB lower (276 → 230 MB) for no measurable CPU.
 */
export const VOICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
