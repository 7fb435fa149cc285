import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z
    .string()
    .min(1)
    .refine(
      (url) => /^(file:|libsql:|https?:|wss?:)/.test(url),
      'must be a file:, libsql:, http(s): or ws(s): URL',
    )
    .default('file:./data/receptionist.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
});

export type AdminEnv = z.infer<typeof Env>;

/** The admin CLI's configuration; a bad value stops it naming the variable and why. */
export function loadAdminEnv(source: NodeJS.ProcessEnv = process.env): AdminEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
