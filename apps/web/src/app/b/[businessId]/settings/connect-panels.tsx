'use client';

import { useActionState } from 'react';
import { buttonClass, FormError, inputClass } from '../../../../components/ui.tsx';
import { type ActionState, addPhoneNumberAction, inviteStaffAction } from './actions.ts';

function Notice({ state }: { state: ActionState }) {
  if (state.error) return <FormError message={state.error} />;
  if (state.ok) {
    return (
      <p
        role="status"
        className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
      >
        {state.ok}
      </p>
    );
  }
  return null;
}

export function AddPhoneNumberForm({ businessId }: { businessId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addPhoneNumberAction, {});
  return (
    <div className="space-y-2">
      <form action={action} className="flex max-w-md gap-2">
        <input type="hidden" name="businessId" value={businessId} />
        <input
          name="phoneNumber"
          required
          placeholder="+12025550123"
          aria-label="Twilio phone number"
          className={inputClass}
        />
        <button type="submit" disabled={pending} className={buttonClass('primary', 'shrink-0')}>
          Connect number
        </button>
      </form>
      <Notice state={state} />
    </div>
  );
}

export function InviteStaffForm({ businessId }: { businessId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(inviteStaffAction, {});
  return (
    <div className="space-y-2">
      <form action={action} className="flex max-w-md gap-2">
        <input type="hidden" name="businessId" value={businessId} />
        <input
          name="email"
          type="email"
          required
          placeholder="colleague@example.com"
          aria-label="Staff email"
          className={inputClass}
        />
        <button type="submit" disabled={pending} className={buttonClass('secondary', 'shrink-0')}>
          Invite staff
        </button>
      </form>
      <Notice state={state} />
    </div>
  );
}
