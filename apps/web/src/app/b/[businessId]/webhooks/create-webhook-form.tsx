'use client';

import { useActionState } from 'react';
import { buttonClass, FormError, inputClass } from '../../../../components/ui.tsx';
import { type CreateWebhookState, createWebhookAction } from './actions.ts';

export function CreateWebhookForm({
  businessId,
  eventTypes,
}: {
  businessId: string;
  eventTypes: readonly string[];
}) {
  const [state, action, pending] = useActionState<CreateWebhookState, FormData>(createWebhookAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="max-w-2xl space-y-3">
        <input type="hidden" name="businessId" value={businessId} />
        <input
          name="url"
          type="url"
          required
          placeholder="https://example.com/webhooks/receptionist"
          aria-label="Receiver URL"
          className={inputClass}
        />
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <legend className="mb-1 text-sm font-medium text-slate-900">Events</legend>
          {eventTypes.map((type) => (
            <label key={type} className="flex items-center gap-1.5">
              <input type="checkbox" name="events" value={type} defaultChecked />
              <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={pending} className={buttonClass('primary')}>
          Add endpoint
        </button>
      </form>
      <FormError message={state.error} />
      {state.created ? (
        <div className="rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="text-sm font-medium text-emerald-900">
            Endpoint added. Verify deliveries with this signing secret (Standard Webhooks):
          </p>
          <code
            data-testid="new-webhook-secret"
            className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-sm ring-1 ring-emerald-200"
          >
            {state.created.secret}
          </code>
        </div>
      ) : null}
    </div>
  );
}
