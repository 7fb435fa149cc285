'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { buttonClass, Field, FormError, inputClass } from '../../components/ui.tsx';
import { registerAction, type SignInFormState, signInAction } from './actions.ts';

export function SignInForm({ mode }: { mode: 'sign-in' | 'register' }) {
  const action = mode === 'register' ? registerAction : signInAction;
  const [state, formAction, pending] = useActionState<SignInFormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-4">
      {mode === 'register' ? (
        <Field label="Your name">
          <input name="name" autoComplete="name" className={inputClass} placeholder="Dana Smith" />
        </Field>
      ) : null}
      <Field label="Email">
        <input name="email" type="email" required autoComplete="email" className={inputClass} />
      </Field>
      <Field
        label="Password"
        hint={mode === 'register' ? 'At least 12 characters; a few unrelated words work well.' : undefined}
      >
        <input
          name="password"
          type="password"
          required
          autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
          className={inputClass}
        />
      </Field>
      <FormError message={state.error} />
      <button type="submit" disabled={pending} className={buttonClass('primary', 'w-full')}>
        {mode === 'register' ? 'Create account' : 'Sign in'}
      </button>
      <p className="text-center text-sm text-slate-500">
        {mode === 'register' ? (
          <>
            Already have an account?{' '}
            <Link className="font-medium text-brand-600 hover:underline" href="/sign-in">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{' '}
            <Link className="font-medium text-brand-600 hover:underline" href="/sign-in?mode=register">
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
