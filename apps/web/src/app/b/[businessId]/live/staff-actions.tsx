'use client';

import { type FormEvent, useId, useState, useTransition } from 'react';
import { Button, buttonClass, Card, inputClass } from '../../../../components/ui.tsx';
import { type StaffActionOutcome, staffActionOnLiveCall } from './actions.ts';

/** Take over, whisper, hang up: each a small form, usable by keyboard, its outcome announced. */
export function StaffActions({ businessId, callId }: { businessId: string; callId: string }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<StaffActionOutcome | undefined>();
  const [confirmingHangUp, setConfirmingHangUp] = useState(false);
  const ids = { note: useId(), phone: useId() };

  const run = (action: Record<string, string>, after?: () => void) =>
    startTransition(async () => {
      const result = await staffActionOnLiveCall({ businessId, callId, action });
      setOutcome(result);
      if (result.ok) after?.();
    });

  const whisper = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const note = String(new FormData(form).get('note') ?? '');
    run({ type: 'whisper', note }, () => form.reset());
  };
  const takeOver = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run({
      type: 'take_over',
      phoneNumber: String(new FormData(event.currentTarget).get('phoneNumber') ?? ''),
    });
  };

  return (
    <Card title="Step in">
      <div className="grid gap-5 md:grid-cols-2">
        <form onSubmit={whisper} className="space-y-2">
          <label htmlFor={ids.note} className="block text-sm font-medium text-slate-700">
            Whisper to the agent
          </label>
          <textarea
            id={ids.note}
            name="note"
            rows={2}
            maxLength={500}
            required
            className={inputClass}
            placeholder="Offer the 3 pm slot on Thursday."
          />
          <p className="text-xs text-slate-500">The agent acts on it; the caller never hears it read out.</p>
          <button type="submit" className={buttonClass('secondary')} disabled={pending}>
            Send note
          </button>
        </form>
        <form onSubmit={takeOver} className="space-y-2">
          <label htmlFor={ids.phone} className="block text-sm font-medium text-slate-700">
            Take over: transfer to your phone
          </label>
          <input
            id={ids.phone}
            name="phoneNumber"
            type="tel"
            autoComplete="tel"
            required
            className={inputClass}
            placeholder="+12125550123"
          />
          <p className="text-xs text-slate-500">Checked against the business&apos;s allowed destinations.</p>
          <button type="submit" className={buttonClass('primary')} disabled={pending}>
            Transfer to me
          </button>
        </form>
      </div>
      <div className="mt-5 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        {confirmingHangUp ? (
          <>
            <span className="text-sm text-slate-700">The caller hears a goodbye, then the line closes.</span>
            <Button variant="danger" disabled={pending} onClick={() => run({ type: 'hang_up' })}>
              Confirm hang up
            </Button>
            <Button variant="ghost" onClick={() => setConfirmingHangUp(false)}>
              Keep the call
            </Button>
          </>
        ) : (
          <Button variant="danger" disabled={pending} onClick={() => setConfirmingHangUp(true)}>
            Hang up
          </Button>
        )}
      </div>
      <p
        role="status"
        className={outcome?.ok === false ? 'mt-3 text-sm text-red-700' : 'mt-3 text-sm text-emerald-700'}
      >
        {outcome?.message ?? ''}
      </p>
    </Card>
  );
}
