import { z } from 'zod';

/** Configuration of the `npm start` launcher. The apps validate the rest of the environment themselves. */
const StartEnv = z.object({
  VOICE_PORT: z.coerce.number().int().min(1).max(65535).default(8081),
  WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** When unset, `npm start` uses generated per-install secrets from data/dev-secrets.json. */
  SESSION_SECRET: z.string().min(32).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /** Seals businesses' Twilio credentials in the dashboard; generated per install when unset. */
  CREDENTIALS_KEY: z.string().min(1).optional(),
  /** Skip `next build` and run the dashboard with `next dev` (faster first start while developing). */
  /**
   * Where the job worker runs: `separate` (default) as its own process beside the voice server, `embedded`
   * inside the voice server's process, or `off` (run `npm run worker` yourself, anywhere).
   */
  WORKER: z.enum(['separate', 'embedded', 'off']).default('separate'),
  /** Read here too so that Ctrl-C waits as long as the voice server and the worker are allowed to drain. */
  VOICE_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  WEB_DEV: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export type StartEnv = z.infer<typeof StartEnv>;

export function loadStartEnv(source: Record<string, string | undefined> = process.env): StartEnv {
  const parsed = StartEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment for npm start:\n${problems}`);
  }
  return parsed.data;
}
