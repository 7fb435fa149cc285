'use client';

import { useActionState } from 'react';
import { buttonClass } from '../../../../../components/ui.tsx';
import { type RemoveMemberState, removeMemberAction } from './actions.ts';

export function RemoveMemberButton({
  businessId,
  userId,
  email,
}: {
  businessId: string;
  userId: string;
  email: string;
}) {
  const [state, action, pending] = useActionState<RemoveMemberState, FormData>(removeMemberAction, {});
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        disabled={pending}
        className={buttonClass('ghost')}
        aria-label={`Remove ${email}`}
      >
        Remove
      </button>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
