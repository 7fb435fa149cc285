import {
  type AccountNumber,
  type ConnectedTwilioAccount,
  describeTwilioAccount,
  isDomainError,
  listAccountNumbers,
  tenantContext,
} from '@receptionist/domain';
import type { Metadata } from 'next';
import {
  Badge,
  buttonClass,
  Card,
  EmptyState,
  PageHeader,
  Table,
  Td,
  Th,
} from '../../../../components/ui.tsx';
import { getEnv } from '../../../../env.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { webNumberProvisioning } from '../../../../server/number-provisioning.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';
import { disconnectTwilioAccountAction } from './actions.ts';
import {
  AttachNumberButton,
  ConnectTwilioAccountForm,
  NumberSearch,
  ReleaseNumberButton,
} from './numbers-panels.tsx';

export const metadata: Metadata = { title: 'Phone numbers' };

/** Twilio is asked on every view: webhook status is whatever Twilio holds now, not what we last set. */
export const dynamic = 'force-dynamic';

export default async function NumbersPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership, user } = await requireBusinessAccess(businessId);
  const isOwner = membership.role === 'owner';
  const db = await getDb();
  const ctx = tenantContext(db, businessId, { kind: 'staff', userId: user.id });
  const provisioning = webNumberProvisioning();
  const routed = await readTenant(db, businessId).phoneNumbers.list();
  const account = await describeTwilioAccount({ ctx, provisioning });
  let accountNumbers: AccountNumber[] = [];
  let twilioProblem: string | undefined;
  if (account !== undefined) {
    try {
      accountNumbers = await listAccountNumbers({ ctx, provisioning });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      twilioProblem = error.message;
    }
  }
  const onAccount = new Map(accountNumbers.map((number) => [number.e164, number]));
  const unattached = accountNumbers.filter((number) => number.phoneNumberId === undefined);
  const publicUrl = getEnv().publicUrl;
  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="Buy a number on your own Twilio account, or attach one you have: its calls, call status and texts are pointed at your receptionist automatically."
      />
      {publicUrl === undefined ? (
        <p
          role="alert"
          className="mb-6 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          This server has no PUBLIC_URL, so numbers cannot be pointed at it yet; ask the operator.
        </p>
      ) : null}
      <div className="grid min-w-0 grid-cols-1 gap-6">
        <Card title="Twilio account">
          <TwilioAccountPanel businessId={businessId} account={account} isOwner={isOwner} />
        </Card>
        <Card title="Numbers answering for this business">
          {twilioProblem ? (
            <p role="alert" className="mb-3 text-sm text-red-700">
              {twilioProblem}
            </p>
          ) : null}
          {routed.length === 0 ? (
            <EmptyState title="No number yet">
              Buy one below, or attach one your Twilio account has.
            </EmptyState>
          ) : (
            <Table>
              <thead className="bg-slate-50">
                <tr>
                  <Th>Number</Th>
                  <Th>Label</Th>
                  <Th>Webhooks</Th>
                  <Th />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="routed-numbers">
                {routed.map((row) => {
                  const twilio = onAccount.get(row.e164);
                  return (
                    <tr key={row.id} data-testid="routed-number">
                      <Td className="font-mono">{row.e164}</Td>
                      <Td>{row.label ?? ''}</Td>
                      <Td>
                        <WebhookBadge number={twilio} connected={account !== undefined && !twilioProblem} />
                      </Td>
                      <Td className="space-x-2 text-right">
                        {isOwner && twilio?.webhooks === 'elsewhere' ? (
                          <AttachNumberButton
                            businessId={businessId}
                            phoneNumber={row.e164}
                            label="Set webhooks"
                          />
                        ) : null}
                        {isOwner && account !== undefined ? (
                          <ReleaseNumberButton
                            businessId={businessId}
                            phoneNumberId={row.id}
                            phoneNumber={row.e164}
                          />
                        ) : null}
                      </Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </Card>
        {account !== undefined && isOwner ? (
          <>
            <Card title="Buy a number">
              <NumberSearch businessId={businessId} />
            </Card>
            <Card title="Other numbers on your Twilio account">
              {unattached.length === 0 ? (
                <p className="text-sm text-slate-500">Every number on the account already answers here.</p>
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="unattached-numbers">
                  {unattached.map((number) => (
                    <li
                      key={number.sid}
                      className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                    >
                      <span>
                        <span className="font-mono">{number.e164}</span>{' '}
                        <span className="text-slate-500">
                          {number.voiceUrl ? `calls go to ${number.voiceUrl}` : 'no voice webhook'}
                        </span>
                      </span>
                      <AttachNumberButton businessId={businessId} phoneNumber={number.e164} label="Attach" />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}

function WebhookBadge({ number, connected }: { number: AccountNumber | undefined; connected: boolean }) {
  if (!connected) return <Badge>Unknown (no Twilio account)</Badge>;
  if (number === undefined) return <Badge tone="amber">Not on your Twilio account</Badge>;
  if (number.webhooks === 'ours') return <Badge tone="green">Webhooks set</Badge>;
  return <Badge tone="red">Webhooks point elsewhere</Badge>;
}

function TwilioAccountPanel({
  businessId,
  account,
  isOwner,
}: {
  businessId: string;
  account: ConnectedTwilioAccount | undefined;
  isOwner: boolean;
}) {
  if (account === undefined) {
    return isOwner ? (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          Connect the Twilio account (or subaccount) that will own your numbers. An API key works in place of
          the auth token.
        </p>
        <ConnectTwilioAccountForm businessId={businessId} />
      </div>
    ) : (
      <p className="text-sm text-slate-500">No Twilio account connected; the owner can connect one.</p>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-4 text-sm">
      <dl className="grid min-w-0 gap-1" data-testid="twilio-account">
        <div>
          <dt className="inline text-slate-500">Account: </dt>
          <dd className="inline break-all font-mono">{account.accountSid}</dd>
        </div>
        {account.live ? (
          <div>
            <dt className="inline text-slate-500">Name: </dt>
            <dd className="inline">
              {account.live.friendlyName}
              {account.live.ownerAccountSid ? ' (subaccount)' : ''} · {account.live.status}
            </dd>
          </div>
        ) : (
          <p role="alert" className="text-red-700">
            Twilio did not accept the saved credentials just now; connect the account again.
          </p>
        )}
        {account.apiKeySid ? (
          <div>
            <dt className="inline text-slate-500">API key: </dt>
            <dd className="inline break-all font-mono">{account.apiKeySid}</dd>
          </div>
        ) : null}
      </dl>
      {isOwner ? (
        <form action={disconnectTwilioAccountAction}>
          <input type="hidden" name="businessId" value={businessId} />
          <button type="submit" className={buttonClass('ghost')}>
            Disconnect account
          </button>
        </form>
      ) : null}
    </div>
  );
}
