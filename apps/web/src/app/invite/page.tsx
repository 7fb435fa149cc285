import type { Metadata } from 'next';
import Link from 'next/link';
import { TokenLinkForm } from '../../components/account/token-link-form.tsx';
import { getCurrentUser } from '../../server/auth/current-user.ts';
import { acceptInviteAction } from './actions.ts';

export const metadata: Metadata = { title: 'Join a business' };

export default async function InvitePage() {
  const user = await getCurrentUser();
  return (
    <main
      id="main-content"
      tabIndex={-1}
      className="outline-none flex min-h-screen items-center justify-center px-4 py-12"
    >
      <div className="w-full max-w-sm space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold tracking-tight">You are invited to join a business</h1>
        {user === null ? (
          <p className="text-sm text-slate-500">
            <Link className="font-medium text-brand-600 hover:underline" href="/sign-in">
              Sign in
            </Link>{' '}
            (or create an account) with the invited email address, then open this link again.
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-500">
              Signed in as {user.email}. The invitation works only for the address it was sent to.
            </p>
            <TokenLinkForm action={acceptInviteAction} label="Join as staff" />
          </>
        )}
      </div>
    </main>
  );
}
