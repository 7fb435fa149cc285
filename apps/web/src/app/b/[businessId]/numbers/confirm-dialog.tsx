'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { buttonClass } from '../../../../components/ui.tsx';

/**
 * A modal confirmation on the native `<dialog>` (focus kept inside, Escape closes it, the page behind is
 * inert). `children` is the form whose submit button confirms; Cancel just closes.
 */
export function ConfirmDialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {children}
        <button type="button" onClick={onClose} className={buttonClass('ghost', 'w-full')}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
