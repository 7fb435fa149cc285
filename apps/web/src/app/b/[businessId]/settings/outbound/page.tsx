import { loadBusinessProfile } from '@receptionist/domain';
import type { Metadata } from 'next';
import { buttonClass, Card, PageHeader, Table, Td, Th } from '../../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../../server/auth/current-user.ts';
import { getDb } from '../../../../../server/db.ts';
import { loadOutboundOverview } from '../../../../../server/queries/outbound.ts';
import { doNotContactAction, saveOutboundPolicyAction } from './actions.ts';

export const metadata: Metadata = { title: 'Reminders and outbound calls' };

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm';

function NumberField(props: { name: string; label: string; value: number; min: number; max: number }) {
  return (
    <label className="block text-sm">
      {props.label}
      <input
        className={input}
        type="number"
        name={props.name}
        defaultValue={props.value}
        min={props.min}
        max={props.max}
      />
    </label>
  );
}

export default async function OutboundSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ ok?: string; error?: string }>;
}) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const { ok, error } = await searchParams;
  const db = await getDb();
  const policy = (await loadBusinessProfile(db, businessId)).outbound;
  const { doNotContact, recent } = await loadOutboundOverview(db, businessId);
  const readOnly = membership.role !== 'owner';
  return (
    <>
      <PageHeader
        title="Reminders and outbound calls"
        description="When the receptionist texts or calls your customers: reminders, callbacks, freed slots. Calls and texts go out only inside the callee's local quiet hours, from your own number."
      />
      {ok ? <p className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-800">{ok}</p> : null}
      {error ? (
        <p className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <div className="space-y-8">
        <Card title="Policy">
          <form
            action={saveOutboundPolicyAction}
            className="grid gap-4 sm:grid-cols-2"
            data-testid="outbound-policy"
          >
            <input type="hidden" name="businessId" value={businessId} />
            <fieldset className="space-y-2 sm:col-span-2" disabled={readOnly}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="remindersEnabled" defaultChecked={policy.reminders.enabled} />{' '}
                Send appointment reminders
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="remindBySms"
                  defaultChecked={policy.reminders.channels.includes('sms')}
                />{' '}
                by text (reply C to confirm, R to reschedule, X to cancel)
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="remindByCall"
                  defaultChecked={policy.reminders.channels.includes('call')}
                />{' '}
                by a call from the receptionist
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="waitlistOffers" defaultChecked={policy.waitlistOffers} /> Offer
                cancelled slots to the waitlist by text (first YES books it)
              </label>
            </fieldset>
            <fieldset className="contents" disabled={readOnly}>
              <NumberField
                name="hoursBefore"
                label="Hours before the appointment"
                value={policy.reminders.hoursBefore}
                min={1}
                max={168}
              />
              <NumberField
                name="waitlistOfferSize"
                label="Waitlist: people offered each slot"
                value={policy.waitlistOfferSize}
                min={1}
                max={20}
              />
              <label className="block text-sm">
                Calls and texts from (callee's local time)
                <input
                  className={input}
                  type="time"
                  name="allowedFrom"
                  defaultValue={policy.quietHours.allowedFrom}
                />
              </label>
              <label className="block text-sm">
                until
                <input
                  className={input}
                  type="time"
                  name="allowedUntil"
                  defaultValue={policy.quietHours.allowedUntil}
                />
              </label>
              <NumberField
                name="dailyCallCap"
                label="Outbound calls per day (at most)"
                value={policy.dailyCallCap}
                min={0}
                max={10000}
              />
              <NumberField
                name="maxAttempts"
                label="Attempts per call (busy, no answer)"
                value={policy.retry.maxAttempts}
                min={1}
                max={5}
              />
              <NumberField
                name="retryDelayMinutes"
                label="Minutes between attempts"
                value={policy.retry.delayMinutes}
                min={1}
                max={1440}
              />
            </fieldset>
            {readOnly ? null : (
              <div className="sm:col-span-2">
                <button type="submit" className={buttonClass('primary')}>
                  Save
                </button>
              </div>
            )}
          </form>
        </Card>
        <Card title="Do not contact">
          <p className="mb-3 text-sm text-slate-600">
            The receptionist never calls or texts these numbers. People who text STOP are never texted or
            called either.
          </p>
          {readOnly ? null : (
            <form action={doNotContactAction} className="mb-4 flex flex-wrap items-end gap-2">
              <input type="hidden" name="businessId" value={businessId} />
              <input type="hidden" name="intent" value="add" />
              <label className="text-sm">
                Number
                <input className={input} name="phone" placeholder="+1 202 555 0100" required />
              </label>
              <label className="text-sm">
                Reason
                <input className={input} name="reason" />
              </label>
              <button type="submit" className={buttonClass('secondary')}>
                Add
              </button>
            </form>
          )}
          <ul className="divide-y divide-slate-100 text-sm" data-testid="do-not-contact">
            {doNotContact.map((entry) => (
              <li key={entry.id} className="flex items-center justify-between py-2">
                <span>
                  {entry.phoneNumber}
                  {entry.reason ? <span className="ml-2 text-slate-500">{entry.reason}</span> : null}
                </span>
                {readOnly ? null : (
                  <form action={doNotContactAction}>
                    <input type="hidden" name="businessId" value={businessId} />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="phone" value={entry.phoneNumber} />
                    <button type="submit" className={buttonClass('ghost')}>
                      Remove
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Recent outbound calls">
          {recent.length === 0 ? (
            <p className="text-sm text-slate-500">None yet.</p>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>To</Th>
                  <Th>Purpose</Th>
                  <Th>Status</Th>
                  <Th>Attempts</Th>
                </tr>
              </thead>
              <tbody>
                {recent.map((call) => (
                  <tr key={call.id}>
                    <Td>
                      <a
                        className="text-brand-600 hover:underline"
                        href={`/b/${businessId}/calls/${call.callId}`}
                      >
                        {call.toNumber}
                      </a>
                    </Td>
                    <Td>{call.purpose}</Td>
                    <Td>{call.lastError ? `${call.status} (${call.lastError})` : call.status}</Td>
                    <Td>{call.attempts}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
