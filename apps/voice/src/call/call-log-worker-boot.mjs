// The call-log worker thread's entry: a worker does not inherit the `--import tsx` hook of the process
// (Node 20), so it registers tsx itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./call-log-worker.ts');
