'use client';

import type { ComponentProps, ReactNode } from 'react';
import { cx, inputClass } from '../ui.tsx';
import { errorId, type FieldIssue, fieldId, issueAt, issueWithin } from './form-issues.ts';
import { useIssues } from './settings-form.tsx';

/**
 * Controls bound to a profile path (`bookingRules.leadTimeMinutes`): each has a real <label>, the id the
 * error summary links to, and, when the last save refused its value, the schema's message right below it,
 * tied to the control by aria-describedby and aria-invalid.
 */

function useFieldA11y(path: string, hintId?: string) {
  const issue = issueWithin(useIssues(), path);
  const describedBy = [issue ? errorId(path) : undefined, hintId].filter(Boolean).join(' ');
  return {
    issue,
    control: {
      id: fieldId(path),
      'aria-invalid': issue ? true : undefined,
      'aria-describedby': describedBy === '' ? undefined : describedBy,
    },
  };
}

/** The schema's message for `path` (also for a group, such as one day's hours). */
export function PathError({ path }: { path: string }) {
  return <IssueText path={path} issue={issueAt(useIssues(), path)} />;
}

function IssueText({ path, issue }: { path: string; issue: FieldIssue | undefined }) {
  if (!issue) return null;
  return (
    <p id={errorId(path)} className="text-sm text-red-700" data-testid={`error-${path}`}>
      {issue.message}
    </p>
  );
}

function Labelled({
  path,
  label,
  hint,
  hideLabel,
  issue,
  children,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  hideLabel?: boolean;
  issue: FieldIssue | undefined;
  children: ReactNode;
}) {
  return (
    <div className="min-w-0 space-y-1.5">
      <label
        htmlFor={fieldId(path)}
        className={hideLabel ? 'sr-only' : 'block text-sm font-medium text-slate-700'}
      >
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${fieldId(path)}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <IssueText path={path} issue={issue} />
    </div>
  );
}

type InputAttributes = Omit<ComponentProps<'input'>, 'id' | 'value' | 'onChange' | 'className' | 'type'>;

export function PathInput({
  path,
  label,
  hint,
  hideLabel,
  value,
  onValueChange,
  type = 'text',
  ...attributes
}: InputAttributes & {
  path: string;
  label: string;
  hint?: ReactNode;
  /** Rows of a list name each input in full ("Service 2 name") but show the column heading once. */
  hideLabel?: boolean;
  value: string;
  onValueChange: (value: string) => void;
  type?: 'text' | 'number' | 'time' | 'date' | 'tel';
}) {
  const { issue, control } = useFieldA11y(path, hint ? `${fieldId(path)}-hint` : undefined);
  return (
    <Labelled path={path} label={label} hint={hint} hideLabel={hideLabel} issue={issue}>
      <input
        {...attributes}
        {...control}
        type={type}
        inputMode={type === 'number' ? 'decimal' : attributes.inputMode}
        className={cx(inputClass, issue && 'ring-red-500')}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </Labelled>
  );
}

export function PathTextarea({
  path,
  label,
  hint,
  value,
  onValueChange,
  rows = 3,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  rows?: number;
}) {
  const { issue, control } = useFieldA11y(path, hint ? `${fieldId(path)}-hint` : undefined);
  return (
    <Labelled path={path} label={label} hint={hint} issue={issue}>
      <textarea
        {...control}
        rows={rows}
        className={cx(inputClass, issue && 'ring-red-500')}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </Labelled>
  );
}

export function PathSelect({
  path,
  label,
  hint,
  value,
  options,
  onValueChange,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  value: string;
  /** [value, text] pairs. */
  options: ReadonlyArray<readonly [string, string]>;
  onValueChange: (value: string) => void;
}) {
  const { issue, control } = useFieldA11y(path, hint ? `${fieldId(path)}-hint` : undefined);
  return (
    <Labelled path={path} label={label} hint={hint} issue={issue}>
      <select
        {...control}
        className={cx(inputClass, issue && 'ring-red-500')}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function PathCheckbox({
  path,
  label,
  checked,
  onCheckedChange,
  disabled,
}: {
  path: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const { issue, control } = useFieldA11y(path);
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          {...control}
          type="checkbox"
          className="h-4 w-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onCheckedChange(event.target.checked)}
        />
        <label htmlFor={fieldId(path)} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      <IssueText path={path} issue={issue} />
    </div>
  );
}

/** A titled group of fields (one day, one service, one closure). */
export function Group({
  legend,
  children,
  className,
}: {
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={cx('min-w-0 space-y-3 rounded-lg border border-slate-200 p-4', className)}>
      <legend className="px-1 text-sm font-semibold text-slate-800">{legend}</legend>
      {children}
    </fieldset>
  );
}
