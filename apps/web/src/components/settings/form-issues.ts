import { ZodError } from 'zod';

/** One problem with a submitted setting, addressed by its profile path (`services.0.durationMinutes`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The dotted path a form field and a zod issue share. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The element id of the input that edits `path`, so an error summary can link to it. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

/**
 * The zod error the profile schema threw (directly, or as the cause of the domain's InvalidProfileError) →
 * one issue per field, the first message for a path winning, so each field shows one clear sentence.
 */
export function fieldIssuesOf(error: unknown): FieldIssue[] | undefined {
  const zodError =
    error instanceof ZodError
      ? error
      : error instanceof Error && error.cause instanceof ZodError
        ? error.cause
        : undefined;
  if (zodError === undefined) return undefined;
  const byPath = new Map<string, string>();
  for (const issue of zodError.issues) {
    const path = pathKey(issue.path);
    if (!byPath.has(path)) byPath.set(path, issue.message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/** The issue for exactly this path. */
export function issueAt(issues: readonly FieldIssue[], path: string): FieldIssue | undefined {
  return issues.find((issue) => issue.path === path);
}

/** The issue for this field or anything inside it (`faq.0.keywords` also reports `faq.0.keywords.2`). */
export function issueWithin(issues: readonly FieldIssue[], path: string): FieldIssue | undefined {
  return issueAt(issues, path) ?? issues.find((issue) => issue.path.startsWith(`${path}.`));
}

/** A path as words for the error summary: `services.0.durationMinutes` → "services 1 › duration minutes". */
export function describePath(path: string): string {
  if (path === '') return 'profile';
  return path
    .split('.')
    .map((part) =>
      /^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
    )
    .join(' › ')
    .replace(/ › (\d+)/g, ' $1');
}
