'use client';

import type { AvailableNumberOffer } from '@receptionist/domain';
import { useActionState, useEffect, useState } from 'react';
import { buttonClass, Field, FormError, inputClass, Table, Td, Th } from '../../../../components/ui.tsx';
import {
  attachNumberAction,
  buyNumberAction,
  connectTwilioAccountAction,
  type NumbersActionState,
  releaseNumberAction,
  type SearchState,
  searchNumbersAction,
} from './actions.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

function Notice({ state }: { state: NumbersActionState }) {
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

/** Account SID with its auth token, or with an API key SID and secret (subaccounts alike). */
export function ConnectTwilioAccountForm({ businessId }: { businessId: string }) {
  const [state, action, pending] = useActionState<NumbersActionState, FormData>(
    connectTwilioAccountAction,
    {},
  );
  return (
    <form action={action} className="grid max-w-lg gap-3">
      <input type="hidden" name="businessId" value={businessId} />
      <Field label="Account SID" hint="Your account's or a subaccount's SID, from the Twilio console.">
        <input
          name="accountSid"
          required
          placeholder="AC…"
          autoComplete="off"
          defaultValue={state.typed?.accountSid}
          className={inputClass}
        />
      </Field>
      <Field label="API key SID (optional)" hint="Leave empty to use the account's auth token.">
        <input
          name="apiKeySid"
          placeholder="SK…"
          autoComplete="off"
          defaultValue={state.typed?.apiKeySid}
          className={inputClass}
        />
      </Field>
      <Field label="Auth token or API key secret" hint="Checked with Twilio, then stored encrypted.">
        <input name="secret" type="password" required autoComplete="off" className={inputClass} />
      </Field>
      <button type="submit" disabled={pending} className={buttonClass('primary', 'justify-self-start')}>
        {pending ? 'Checking with Twilio…' : 'Connect Twilio account'}
      </button>
      <Notice state={state} />
    </form>
  );
}

const price = (offer: AvailableNumberOffer) =>
  offer.monthlyPrice === undefined
    ? 'price not listed by Twilio'
    : `${offer.monthlyPrice.amount} ${offer.monthlyPrice.currency} a month`;

/** Search Twilio's numbers for sale, then buy one after confirming its monthly price. */
export function NumberSearch({ businessId }: { businessId: string }) {
  const [search, searchAction, searching] = useActionState<SearchState, FormData>(searchNumbersAction, {});
  const [bought, buyAction, buying] = useActionState<NumbersActionState, FormData>(buyNumberAction, {});
  const [chosen, setChosen] = useState<AvailableNumberOffer | undefined>(undefined);
  const offers = (search.offers ?? []).filter((offer) => offer.phoneNumber !== bought.bought);
  // A finished purchase (or its refusal) closes the dialog; the notice below says which.
  useEffect(() => {
    if (bought.ok !== undefined || bought.error !== undefined) setChosen(undefined);
  }, [bought]);
  return (
    <div className="space-y-4">
      <form action={searchAction} className="grid gap-3 sm:grid-cols-5 sm:items-end">
        <input type="hidden" name="businessId" value={businessId} />
        <Field label="Country">
          <input name="country" defaultValue="US" maxLength={2} required className={inputClass} />
        </Field>
        <Field label="Type">
          <select name="type" defaultValue="local" className={inputClass}>
            <option value="local">Local</option>
            <option value="toll_free">Toll-free</option>
          </select>
        </Field>
        <Field label="Area code">
          <input name="areaCode" inputMode="numeric" placeholder="415" className={inputClass} />
        </Field>
        <Field label="Contains">
          <input name="contains" placeholder="digits or letters" className={inputClass} />
        </Field>
        <button type="submit" disabled={searching} className={buttonClass('secondary')}>
          {searching ? 'Searching…' : 'Search numbers'}
        </button>
      </form>
      <FormError message={search.error} />
      <Notice state={bought} />
      {offers.length > 0 ? (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Number</Th>
              <Th>Where</Th>
              <Th>Monthly</Th>
              <Th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="number-offers">
            {offers.map((offer) => (
              <tr key={offer.phoneNumber}>
                <Td className="font-mono">{offer.phoneNumber}</Td>
                <Td>{[offer.locality, offer.region].filter(Boolean).join(', ') || offer.isoCountry}</Td>
                <Td>{price(offer)}</Td>
                <Td className="text-right">
                  <button
                    type="button"
                    onClick={() => setChosen(offer)}
                    className={buttonClass('primary')}
                    aria-label={`Buy ${offer.phoneNumber}`}
                  >
                    Buy
                  </button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <ConfirmDialog
        open={chosen !== undefined}
        title={`Buy ${chosen?.phoneNumber ?? ''}?`}
        onClose={() => setChosen(undefined)}
      >
        {chosen === undefined ? null : (
          <form action={buyAction} className="space-y-3">
            <input type="hidden" name="businessId" value={businessId} />
            <input type="hidden" name="phoneNumber" value={chosen.phoneNumber} />
            <p className="text-sm text-slate-600">
              Twilio charges your account <strong data-testid="confirm-price">{price(chosen)}</strong> for
              this number, until you release it. Its calls and texts will come to your receptionist.
            </p>
            <Field label="Label">
              <input name="label" defaultValue="Main line" maxLength={80} className={inputClass} />
            </Field>
            <button type="submit" disabled={buying} className={buttonClass('primary', 'w-full')}>
              {buying ? 'Buying…' : `Buy for ${price(chosen)}`}
            </button>
          </form>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** Points a number of the account at us (or again, when someone re-pointed it in the console). */
export function AttachNumberButton({
  businessId,
  phoneNumber,
  label,
}: {
  businessId: string;
  phoneNumber: string;
  label: string;
}) {
  const [state, action, pending] = useActionState<NumbersActionState, FormData>(attachNumberAction, {});
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="phoneNumber" value={phoneNumber} />
      <button
        type="submit"
        disabled={pending}
        className={buttonClass('secondary')}
        aria-label={`${label} ${phoneNumber}`}
      >
        {label}
      </button>
      <FormError message={state.error} />
    </form>
  );
}

/** Releases a number back to Twilio after a confirmation: it cannot be undone. */
export function ReleaseNumberButton({
  businessId,
  phoneNumberId,
  phoneNumber,
}: {
  businessId: string;
  phoneNumberId: string;
  phoneNumber: string;
}) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<NumbersActionState, FormData>(releaseNumberAction, {});
  useEffect(() => {
    if (state.error !== undefined) setOpen(false);
  }, [state]);
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={buttonClass('danger')}
        aria-label={`Release ${phoneNumber}`}
      >
        Release
      </button>
      <FormError message={state.error} />
      <ConfirmDialog open={open} title={`Release ${phoneNumber}?`} onClose={() => setOpen(false)}>
        <form action={action} className="space-y-3">
          <input type="hidden" name="businessId" value={businessId} />
          <input type="hidden" name="phoneNumberId" value={phoneNumberId} />
          <p className="text-sm text-slate-600">
            The number goes back to Twilio and stops taking calls. Twilio may give it to someone else; this
            cannot be undone.
          </p>
          <button type="submit" disabled={pending} className={buttonClass('danger', 'w-full')}>
            {pending ? 'Releasing…' : 'Release number'}
          </button>
        </form>
      </ConfirmDialog>
    </div>
  );
}
