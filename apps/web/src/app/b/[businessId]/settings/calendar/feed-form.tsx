'use client';

import { useActionState } from 'react';
import { Button, FormError, inputClass } from '../../../../../components/ui.tsx';
import { createFeedAction, type FeedState } from './actions.ts';

/** Makes a secret ICS feed URL and shows it once (only its hash is stored). */
export function FeedForm({ businessId, isOwner }: { businessId: string; isOwner: boolean }) {
  const [state, action, pending] = useActionState<FeedState, FormData>(createFeedAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="businessId" value={businessId} />
      <div className="flex flex-wrap gap-2">
        {isOwner ? (
          <Button type="submit" name="scope" value="business" disabled={pending}>
            New feed for the business
          </Button>
        ) : null}
        <Button type="submit" name="scope" value="me" variant="secondary" disabled={pending}>
          New feed for me
        </Button>
      </div>
      <FormError message={state.error} />
      {state.url ? (
        <div className="space-y-1">
          <p className="text-sm text-slate-600">
            Subscribe to this URL in your calendar app. It is shown once; keep it secret.
          </p>
          <input
            className={inputClass}
            readOnly
            value={state.url}
            aria-label="Feed URL"
            data-testid="feed-url"
          />
          <a className="text-sm text-indigo-600 underline" href={state.url} data-testid="feed-download">
            Download .ics
          </a>
        </div>
      ) : null}
    </form>
  );
}
