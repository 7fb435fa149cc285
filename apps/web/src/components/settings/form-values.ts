/**
 * Form text → profile values. Nothing is defaulted or clamped here: a blank required number or a word
 * where a number belongs reaches the schema as it is, so the owner sees the schema's own message next
 * to the field instead of a value silently replaced.
 */

/** `''` → undefined (the schema's default, or "required"); a number → the number; anything else as typed. */
export function numberFrom(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** Whole units of `unitMs` typed by the owner (seconds, minutes) → ms, or the text for the schema to refuse. */
export function msFrom(text: string, unitMs: number): number | string | undefined {
  const value = numberFrom(text);
  return typeof value === 'number' ? Math.round(value * unitMs) : value;
}

/** Money typed as `12.50` → 1250 cents. */
export function centsFrom(text: string): number | string | undefined {
  const value = numberFrom(text);
  return typeof value === 'number' ? Math.round(value * 100) : value;
}

/** Optional free text: blank → left out. */
export function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** "a, b ,c" → ['a', 'b', 'c'], blanks dropped. */
export function listFrom(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A lower-case id from a name (`Deep clean` → `deep-clean`), or the fallback when nothing is left. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z0-9]/.test(slug) ? slug : fallback;
}

/** Ids for rows saved without one, unique among the list's ids. */
export function withIds<T extends { id: string; name: string }>(rows: readonly T[], prefix: string): T[] {
  const used = new Set(rows.map((row) => row.id).filter((id) => id !== ''));
  return rows.map((row, index) => {
    if (row.id !== '') return row;
    const base = slugify(row.name, `${prefix}-${index + 1}`);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { ...row, id };
  });
}
