'use client';

import type { NotificationTopic } from '@receptionist/domain';
import { useActionState } from 'react';
import { buttonClass, Field, FormError, inputClass } from '../../../../../components/ui.tsx';
import type { NotificationSettingsView } from '../../../../../server/queries/notifications.ts';
import { type ActionState, saveNotificationsAction } from './actions.ts';

const TOPICS: Array<{ topic: NotificationTopic; label: string }> = [
  { topic: 'message', label: 'Every new message' },
  { topic: 'urgent_message', label: 'Urgent messages (at once)' },
  { topic: 'booking', label: 'Bookings, changes and cancellations' },
  { topic: 'voicemail', label: 'Voicemails' },
  { topic: 'daily_digest', label: 'Daily digest' },
];

function TopicChecks({
  channel,
  chosen,
  disabled,
}: {
  channel: 'email' | 'sms';
  chosen: NotificationTopic[];
  disabled: boolean;
}) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-sm font-medium text-slate-700">
        {channel === 'email' ? 'Email me about' : 'Text me about'}
      </legend>
      {TOPICS.map(({ topic, label }) => (
        <label key={topic} className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name={`${channel}Topics`}
            value={topic}
            defaultChecked={chosen.includes(topic)}
            disabled={disabled}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** One settings form: `business` (owner: addresses, owner SMS, caller confirmations, digest hour) or `me`. */
export function NotificationsForm({
  businessId,
  scope,
  initial,
  readOnly,
}: {
  businessId: string;
  scope: 'business' | 'me';
  initial: NotificationSettingsView;
  readOnly: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveNotificationsAction, {});
  return (
    <form action={action} className="max-w-xl space-y-5">
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="scope" value={scope} />
      {scope === 'business' ? (
        <Field label="Email addresses" hint="Separate several with commas.">
          <input
            name="emails"
            defaultValue={initial.emails.join(', ')}
            disabled={readOnly}
            className={inputClass}
          />
        </Field>
      ) : null}
      <Field
        label={scope === 'business' ? 'Owner mobile for texts' : 'My mobile for texts'}
        hint="E.g. +12025550123"
      >
        <input
          name="smsNumber"
          defaultValue={initial.smsNumber ?? ''}
          disabled={readOnly}
          className={inputClass}
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <TopicChecks channel="email" chosen={initial.emailTopics} disabled={readOnly} />
        <TopicChecks channel="sms" chosen={initial.smsTopics} disabled={readOnly} />
      </div>
      {scope === 'business' ? (
        <>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="callerConfirmationSms"
              defaultChecked={initial.callerConfirmationSms}
              disabled={readOnly}
            />
            Text callers a confirmation when the receptionist books them
          </label>
          <Field label="Daily digest hour" hint="Local time of the business, 0–23.">
            <input
              name="digestHour"
              type="number"
              min={0}
              max={23}
              defaultValue={initial.digestHour}
              disabled={readOnly}
              className={inputClass}
            />
          </Field>
        </>
      ) : (
        <input type="hidden" name="digestHour" value={initial.digestHour} />
      )}
      {readOnly ? null : (
        <button type="submit" disabled={pending} className={buttonClass('primary')}>
          Save
        </button>
      )}
      {state.error ? <FormError message={state.error} /> : null}
      {state.ok ? (
        <p role="status" className="text-sm text-emerald-700">
          {state.ok}
        </p>
      ) : null}
    </form>
  );
}
