import type { Metadata } from 'next';
import { Card } from '../../../../../components/ui.tsx';
import { getDb } from '../../../../../server/db.ts';
import { readTenant } from '../../../../../server/queries/tenant.ts';
import { InviteStaffForm } from '../connect-panels.tsx';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { RemoveMemberButton } from './remove-member-button.tsx';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, isOwner } = await loadSectionPage(params);
  const members = await readTenant(await getDb(), businessId).members.list();
  return (
    <SectionFrame
      businessId={businessId}
      slug="staff"
      title="Staff"
      description="Who may open this dashboard. Staff see calls, messages and bookings; owners also change settings."
    >
      <div className="space-y-6">
        <ul className="divide-y divide-slate-100" data-testid="members">
          {members.map((member) => (
            <li
              key={member.userId}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
            >
              <span className="min-w-0 break-all">
                {member.email}{' '}
                <span className="text-xs uppercase tracking-wide text-slate-500">{member.role}</span>
              </span>
              {isOwner ? (
                <RemoveMemberButton businessId={businessId} userId={member.userId} email={member.email} />
              ) : null}
            </li>
          ))}
        </ul>
        {isOwner ? (
          <Card title="Invite someone">
            <InviteStaffForm businessId={businessId} />
          </Card>
        ) : null}
      </div>
    </SectionFrame>
  );
}
