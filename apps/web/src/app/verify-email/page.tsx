import type { Metadata } from 'next';
import { TokenLinkForm } from '../../components/account/token-link-form.tsx';
import { verifyEmailAction } from './actions.ts';

export const metadata: Metadata = { title: 'Verify your email' };

export default function VerifyEmailPage() {
  return (
    <main
      id="main-content"
      tabIndex={-1}
      className="outline-none flex min-h-screen items-center justify-center px-4 py-12"
    >
      <div className="w-full max-w-sm space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold tracking-tight">Verify your email address</h1>
        <p className="text-sm text-slate-500">
          Confirm that this address is yours. Until then the account cannot own or join a business.
        </p>
        <TokenLinkForm action={verifyEmailAction} label="Verify my address" />
      </div>
    </main>
  );
}
