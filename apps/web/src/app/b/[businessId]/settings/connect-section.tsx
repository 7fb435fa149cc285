import { buttonClass, Card } from '../../../../components/ui.tsx';
import { getEnv } from '../../../../env.ts';
import { getDb } from '../../../../server/db.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';
import { removePhoneNumberAction } from './actions.ts';
import { AddPhoneNumberForm, InviteStaffForm, TwilioCredentialsForm } from './connect-panels.tsx';

/** Phone numbers with the exact Twilio webhook URLs, and the team. Shared by setup and settings. */
export async function ConnectSection({ businessId, isOwner }: { businessId: string; isOwner: boolean }) {
  const tenant = readTenant(await getDb(), businessId);
  const [numbers, members] = await Promise.all([tenant.phoneNumbers.list(), tenant.members.list()]);
  const publicUrl = getEnv().publicUrl ?? 'https://<your PUBLIC_URL>';
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Phone numbers">
        <div className="space-y-4">
          {numbers.length === 0 ? (
            <p className="text-sm text-slate-500">No number connected yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="phone-numbers">
              {numbers.map((number) => (
                <li key={number.id} className="flex items-center justify-between py-2 text-sm">
                  <span className="font-mono">{number.e164}</span>
                  {isOwner ? (
                    <form action={removePhoneNumberAction}>
                      <input type="hidden" name="businessId" value={businessId} />
                      <input type="hidden" name="phoneNumberId" value={number.id} />
                      <button type="submit" className={buttonClass('ghost')}>
                        Disconnect
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {isOwner ? (
            <>
              <p className="text-sm text-slate-600">
                A number can be connected once your own Twilio account lists it: save that account's
                credentials first (they are stored encrypted), or ask the operator to approve the number.
              </p>
              <TwilioCredentialsForm businessId={businessId} />
              <AddPhoneNumberForm businessId={businessId} />
            </>
          ) : null}
          <div className="rounded-lg bg-slate-50 p-4 text-sm ring-1 ring-slate-200">
            <p className="font-medium text-slate-800">In the Twilio console, for each number:</p>
            <dl className="mt-2 space-y-2">
              <div>
                <dt className="text-xs text-slate-500">A call comes in → Webhook, HTTP POST</dt>
                <dd>
                  <code
                    className="break-all rounded bg-white px-2 py-1 ring-1 ring-slate-200"
                    data-testid="voice-webhook"
                  >
                    {publicUrl}/twilio/voice
                  </code>
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Call status changes → HTTP POST</dt>
                <dd>
                  <code className="break-all rounded bg-white px-2 py-1 ring-1 ring-slate-200">
                    {publicUrl}/twilio/status
                  </code>
                </dd>
              </div>
            </dl>
          </div>
        </div>
      </Card>
      <Card title="Team">
        <div className="space-y-4">
          <ul className="divide-y divide-slate-100">
            {members.map((member) => (
              <li key={member.userId} className="flex items-center justify-between py-2 text-sm">
                <span>{member.email}</span>
                <span className="text-xs uppercase tracking-wide text-slate-500">{member.role}</span>
              </li>
            ))}
          </ul>
          {isOwner ? <InviteStaffForm businessId={businessId} /> : null}
        </div>
      </Card>
    </div>
  );
}
