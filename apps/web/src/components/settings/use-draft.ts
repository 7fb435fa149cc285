'use client';

import { type Dispatch, type SetStateAction, useState } from 'react';

/** A page's draft, with a setter per field and `edit` for changes built on the latest value. */
export function useDraft<T extends object>(
  initial: T,
): {
  draft: T;
  edit: Dispatch<SetStateAction<T>>;
  set: <K extends keyof T>(key: K) => (value: T[K]) => void;
} {
  const [draft, edit] = useState(initial);
  return { draft, edit, set: (key) => (value) => edit((current) => ({ ...current, [key]: value })) };
}

/** List helpers: replace row `index`, remove it, append. */
export function replaceAt<T>(list: readonly T[], index: number, change: (row: T) => T): T[] {
  return list.map((row, i) => (i === index ? change(row) : row));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
