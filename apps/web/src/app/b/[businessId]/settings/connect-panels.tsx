'use client';

import { useActionState } from 'react';
import { buttonClass, FormError, inputClass } from '../../../../components/ui.tsx';
import {
  type ActionState,
  addPhoneNumberAction,
  inviteStaffAction,
  saveTwilioCredentialsAction,
} from './actions.ts';

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

/** The business's own Twilio account: "Connect number" checks the number is listed there. */
export function TwilioCredentialsForm({ businessId }: { businessId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveTwilioCredentialsAction, {});
  return (
    <div className="space-y-2">
      <form action={action} className="grid max-w-md gap-2">
        <input type="hidden" name="businessId" value={businessId} />
        <input
          name="accountSid"
          required
          placeholder="AC…"
          aria-label="Twilio account SID"
          className={inputClass}
        />
        <input
          name="apiKeySid"
          placeholder="SK… (optional)"
          aria-label="Twilio API key SID"
          className={inputClass}
        />
        <input
          name="secret"
          type="password"
          required
          autoComplete="off"
          aria-label="Twilio auth token or API key secret"
          className={inputClass}
        />
        <button type="submit" disabled={pending} className={buttonClass('secondary')}>
          Save Twilio credentials
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
