'use client';

import { useActionState, useEffect, useState } from 'react';
import { buttonClass, FormError } from '../ui.tsx';

export interface TokenLinkState {
  error?: string;
}

/**
 * The page behind an emailed link. The token travels in the URL fragment (never sent to a server, so never in
 * an access log), is read here, and is used only when the person presses the button: a mail scanner that
 * prefetches the link cannot spend it.
 */
export function TokenLinkForm({
  action,
  label,
}: {
  action: (previous: TokenLinkState, formData: FormData) => Promise<TokenLinkState>;
  label: string;
}) {
  const [token, setToken] = useState('');
  const [state, formAction, pending] = useActionState<TokenLinkState, FormData>(action, {});
  useEffect(() => {
    setToken(new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  }, []);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={state.error} />
      <button type="submit" disabled={pending || token === ''} className={buttonClass('primary', 'w-full')}>
        {label}
      </button>
    </form>
  );
}
