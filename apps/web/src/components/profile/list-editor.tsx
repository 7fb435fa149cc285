'use client';

import { Button } from '../ui.tsx';
import { TextInput } from './draft-inputs.tsx';

/** One text input per row: the row field it edits and the attributes that tell it apart from the others. */
export interface ListColumn<K extends string> {
  field: K;
  /** The input's aria-label: rows have no visible labels, and the browser tests find inputs by it. */
  label: string;
  placeholder: string;
  type?: 'number';
  min?: number;
  step?: string;
}

/**
 * Changes the list through a function of its current value, as React's state setters do, so that edits
 * made in quick succession build on each other rather than on the list as it was last rendered.
 */
export type EditList<T> = (change: (items: T[]) => T[]) => void;

/**
 * An editable list of rows (services, questions, transfer destinations): a row of inputs with a "Remove"
 * button each, then an add button that appends `newItem()`.
 */
export function ListEditor<K extends string, T extends Record<K, string>>({
  items,
  edit,
  columns,
  newItem,
  addLabel,
  rowKey = (_, index) => String(index),
  className,
  rowClassName,
}: {
  items: readonly T[];
  edit: EditList<T>;
  columns: ReadonlyArray<ListColumn<K>>;
  newItem: () => T;
  addLabel: string;
  /** Defaults to the row's position: a row has no identity of its own until it is saved. */
  rowKey?: (item: T, index: number) => string;
  className: string;
  rowClassName: string;
}) {
  return (
    <div className={className}>
      {items.map((item, index) => (
        <div key={rowKey(item, index)} className={rowClassName}>
          {columns.map(({ field, ...attributes }) => (
            <TextInput
              key={field}
              value={item[field]}
              onValueChange={(value) =>
                edit((list) => list.map((row, i) => (i === index ? { ...row, [field]: value } : row)))
              }
              {...attributes}
            />
          ))}
          <Button variant="ghost" onClick={() => edit((list) => list.filter((_, i) => i !== index))}>
            Remove
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => edit((list) => [...list, newItem()])}>
        {addLabel}
      </Button>
    </div>
  );
}
