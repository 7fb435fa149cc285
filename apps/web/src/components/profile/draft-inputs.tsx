'use client';

import type { ComponentProps } from 'react';
import { inputClass } from '../ui.tsx';

/**
 * The profile form's controls. Every draft value is a string (see profile-draft.ts), so these hand the
 * new string to the caller instead of the change event, and always carry the shared input style.
 */

type NativeInputProps = Omit<ComponentProps<'input'>, 'className' | 'value' | 'onChange' | 'aria-label'>;

export function TextInput({
  label,
  value,
  onValueChange,
  ...attributes
}: NativeInputProps & {
  /** The accessible name, for inputs without a visible label; leave it out inside a `<Field>`. */
  label?: string;
  value: string;
  onValueChange: (value: string) => void;
}) {
  return (
    <input
      className={inputClass}
      aria-label={label}
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
      {...attributes}
    />
  );
}

export function SelectInput({
  name,
  value,
  options,
  onValueChange,
}: {
  name: string;
  value: string;
  options: readonly string[];
  onValueChange: (value: string) => void;
}) {
  return (
    <select
      className={inputClass}
      name={name}
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
    >
      {options.map((option) => (
        <option key={option}>{option}</option>
      ))}
    </select>
  );
}
