'use client';

import { createContext, type ReactNode, useActionState, useContext } from 'react';
import {
  type SectionState,
  saveSettingsSectionAction,
} from '../../app/b/[businessId]/settings/section-action.ts';
import { buttonClass } from '../ui.tsx';
import { describePath, type FieldIssue, fieldId } from './form-issues.ts';

const IssuesContext = createContext<readonly FieldIssue[]>([]);

/** The field problems of the last save, for `PathInput` and friends. */
export function useIssues(): readonly FieldIssue[] {
  return useContext(IssuesContext);
}

/**
 * One settings page's form: the page's draft goes to the server as the JSON `patch` of its profile
 * fields; what the schema refuses comes back by path, listed at the top (each linked to its field) and
 * shown again next to the field itself. `noValidate`: the schema is the one judge of a value, so the
 * owner reads the same words the API would answer.
 */
export function SettingsForm({
  businessId,
  section,
  patch,
  readOnly,
  children,
}: {
  businessId: string;
  section: string;
  patch: Record<string, unknown>;
  readOnly: boolean;
  children: ReactNode;
}) {
  const [state, action, pending] = useActionState<SectionState, FormData>(saveSettingsSectionAction, {});
  const issues = state.issues ?? [];
  return (
    <form action={action} noValidate className="space-y-6" data-testid={`settings-form-${section}`}>
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="patch" value={JSON.stringify(patch)} />
      {state.error ? (
        <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-medium">{state.error}</p>
          {issues.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {issues.map((issue) => (
                <li key={issue.path}>
                  <a className="underline" href={`#${fieldId(issue.path)}`}>
                    {describePath(issue.path)}
                  </a>
                  : {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <IssuesContext.Provider value={issues}>
        <fieldset disabled={readOnly} className="min-w-0 space-y-6">
          {children}
        </fieldset>
      </IssuesContext.Provider>
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 pt-4">
        {state.ok && !pending ? (
          <span role="status" className="text-sm text-emerald-700">
            {state.ok}
          </span>
        ) : null}
        {readOnly ? (
          <span className="text-sm text-slate-500">Only owners can change settings.</span>
        ) : (
          <button type="submit" disabled={pending} className={buttonClass('primary')}>
            {pending ? 'Saving…' : 'Save'}
          </button>
        )}
      </div>
    </form>
  );
}
