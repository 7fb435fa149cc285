'use client';

import { useActionState } from 'react';
import { buttonClass, FormError, inputClass } from '../../../../components/ui.tsx';
import { type CreateKeyState, createApiKeyAction } from './actions.ts';

export function CreateKeyForm({ businessId }: { businessId: string }) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="flex max-w-lg gap-2">
        <input type="hidden" name="businessId" value={businessId} />
        <input
          name="name"
          required
          placeholder="Key name, e.g. CRM sync"
          aria-label="Key name"
          className={inputClass}
        />
        <button type="submit" disabled={pending} className={buttonClass('primary', 'shrink-0')}>
          Create key
        </button>
      </form>
      <FormError message={state.error} />
      {state.key ? (
        <div className="rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="text-sm font-medium text-emerald-900">
            Copy this key now. It will not be shown again.
          </p>
          <code
            data-testid="new-api-key"
            className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-sm ring-1 ring-emerald-200"
          >
            {state.key}
          </code>
        </div>
      ) : null}
    </div>
  );
}
