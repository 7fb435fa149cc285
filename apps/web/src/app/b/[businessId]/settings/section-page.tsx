import { type BusinessProfile, loadBusinessProfile } from '@receptionist/domain';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { sectionBySlug } from '../../../../components/settings/sections.ts';
import { PageHeader } from '../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';

export interface SectionPageData {
  businessId: string;
  profile: BusinessProfile;
  isOwner: boolean;
}

/** What every settings page starts from: the member's access and the stored profile. */
export async function loadSectionPage(params: Promise<{ businessId: string }>): Promise<SectionPageData> {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const profile = await loadBusinessProfile(await getDb(), businessId);
  return { businessId, profile, isOwner: membership.role === 'owner' };
}

/** A settings page's frame: the way back to the index, its title and one sentence on what it changes. */
export function SectionFrame({
  businessId,
  slug,
  title = sectionBySlug(slug)?.title ?? 'Settings',
  description,
  children,
}: {
  businessId: string;
  slug: string;
  /** Defaults to the profile section's title. */
  title?: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link
          className="text-brand-700 underline-offset-2 hover:underline"
          href={`/b/${businessId}/settings`}
        >
          Settings
        </Link>
      </nav>
      <PageHeader title={title} description={description} />
      <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">{children}</div>
    </>
  );
}
