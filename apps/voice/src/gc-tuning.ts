import { setFlagsFromString } from 'node:v8';

/**
 * Young-generation collections (scavenges) run on the main thread alone. Under call load the voice server
 * allocates tens of MB a second and scavenges several times a second; by default V8 splits each scavenge
 * across helper threads and the main thread waits for all of them. On a small machine whose cores are
 * busy (two cores shared with the dashboard, the database or, in the benchmark, the load itself) a helper
 * waits for a core and the whole server stops with it: at 100 benchmark calls scavenges took up to
 * 42 ms, each one a stall of every call's audio. On one thread the same scavenges took at most 3.3 ms
 * (mean 1.9 ms). Concurrent marking for full collections is left as it is.
 *
 * The flag is read at each scavenge, so setting it here, before the server starts, is enough. Imported
 * first by main.ts.
 */
setFlagsFromString('--no-parallel-scavenge');
