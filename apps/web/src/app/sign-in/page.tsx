import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { buttonClass } from '../../components/ui.tsx';
import { getEnv } from '../../env.ts';
import { getCurrentUser } from '../../server/auth/current-user.ts';
import { SignInForm } from './sign-in-form.tsx';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  google: 'Google sign-in failed. Try again.',
  email_taken: 'That email already has a password account; sign in with your password.',
  email_not_verified: 'Your Google account has no verified email address.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ mode?: string; error?: string }>;
}) {
  if ((await getCurrentUser()) !== null) redirect('/');
  const { mode, error } = await searchParams;
  const googleEnabled = getEnv().google !== undefined;
  const isRegister = mode === 'register';
  return (
    <main
      id="main-content"
      tabIndex={-1}
      className="outline-none flex min-h-screen items-center justify-center px-4 py-12"
    >
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <Link
            href="/"
            aria-label="AI Receptionist home page"
            className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-2xl bg-brand-600 text-xl font-bold text-white shadow"
          >
            AI
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">
            {isRegister ? 'Create your account' : 'Sign in to AI Receptionist'}
          </h1>
          <p className="mt-2 text-sm text-slate-500">Your phone line, answered.</p>
        </div>
        <div className="space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {error && ERRORS[error] ? (
            <p
              role="alert"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
            >
              {ERRORS[error]}
            </p>
          ) : null}
          {googleEnabled ? (
            <>
              <a href="/auth/google" className={buttonClass('secondary', 'w-full')}>
                Continue with Google
              </a>
              <div className="flex items-center gap-3 text-xs text-slate-500">
                <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
              </div>
            </>
          ) : null}
          <SignInForm mode={isRegister ? 'register' : 'sign-in'} />
        </div>
      </div>
    </main>
  );
}
