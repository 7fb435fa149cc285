'use client';

import { useActionState, useState } from 'react';
import { defaultDraft, draftToProfileInput } from '../../components/profile/profile-draft.ts';
import {
  BasicsSection,
  FaqSection,
  HoursSection,
  LimitsSection,
  ServicesSection,
  TransfersSection,
} from '../../components/profile/profile-sections.tsx';
import { Button, buttonClass, cx, FormError } from '../../components/ui.tsx';
import { createBusinessAction, type OnboardingState } from './actions.ts';

const STEPS = ['Business', 'Hours', 'Services', 'Questions', 'Transfers'] as const;

export function OnboardingWizard() {
  const [draft, setDraft] = useState(defaultDraft);
  const [step, setStep] = useState(0);
  const [state, action, pending] = useActionState<OnboardingState, FormData>(createBusinessAction, {});
  const last = step === STEPS.length - 1;
  return (
    <form
      action={action}
      className="space-y-6"
      onSubmit={(event) => {
        if (!last) {
          event.preventDefault();
          setStep((s) => s + 1);
        }
      }}
    >
      <ol className="flex flex-wrap gap-2" aria-label="Steps">
        {STEPS.map((label, index) => (
          <li key={label}>
            <button
              type="button"
              onClick={() => setStep(index)}
              aria-current={index === step ? 'step' : undefined}
              className={cx(
                'rounded-full px-3 py-1 text-xs font-medium ring-1',
                index === step
                  ? 'bg-brand-600 text-white ring-brand-600'
                  : index < step
                    ? 'bg-brand-50 text-brand-700 ring-brand-100'
                    : 'bg-white text-slate-500 ring-slate-200',
              )}
            >
              {index + 1}. {label}
            </button>
          </li>
        ))}
      </ol>
      <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {step === 0 ? <BasicsSection draft={draft} setDraft={setDraft} /> : null}
        {step === 1 ? <HoursSection draft={draft} setDraft={setDraft} /> : null}
        {step === 2 ? <ServicesSection draft={draft} setDraft={setDraft} /> : null}
        {step === 3 ? <FaqSection draft={draft} setDraft={setDraft} /> : null}
        {step === 4 ? (
          <div className="space-y-8">
            <TransfersSection draft={draft} setDraft={setDraft} />
            <LimitsSection draft={draft} setDraft={setDraft} />
          </div>
        ) : null}
      </div>
      <input type="hidden" name="profile" value={JSON.stringify(draftToProfileInput(draft))} />
      <FormError message={state.error} />
      <div className="flex justify-between">
        <Button variant="secondary" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
          Back
        </Button>
        <button
          type="submit"
          className={buttonClass('primary')}
          disabled={pending || (step === 0 && draft.name.trim() === '')}
        >
          {last ? 'Create business' : 'Next'}
        </button>
      </div>
    </form>
  );
}
