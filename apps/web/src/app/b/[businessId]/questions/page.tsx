import type { Metadata } from 'next';
import Link from 'next/link';
import {
  Badge,
  buttonClass,
  Card,
  EmptyState,
  FormError,
  inputClass,
  PageHeader,
} from '../../../../components/ui.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';
import { answerQuestionAction } from './actions.ts';

export const metadata: Metadata = { title: 'Unanswered questions' };

/**
 * Knowledge gaps: what callers asked that the receptionist could not answer, grouped across calls. The
 * owner's answer becomes an FAQ entry, and can be texted to the callers who asked.
 */
export default async function QuestionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ error?: string; answered?: string }>;
}) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const search = await searchParams;
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const groups = await readTenant(db, businessId).knowledgeGaps.listOpenGroups(100);
  const isOwner = membership.role === 'owner';
  return (
    <>
      <PageHeader
        title="Unanswered questions"
        description="Questions callers asked that the receptionist could not answer. Answer one and it joins your FAQ."
      />
      <FormError message={search.error} />
      {search.answered ? (
        <p className="mb-4 text-sm text-emerald-700">
          Added to your FAQ: the receptionist will answer it from now on.
        </p>
      ) : null}
      {groups.length === 0 ? (
        <EmptyState title="No open questions">
          Questions the receptionist could not answer appear here.
        </EmptyState>
      ) : (
        <ul className="space-y-4" data-testid="knowledge-gaps">
          {groups.map((group) => (
            <li key={group.normalized}>
              <Card
                title={group.question}
                actions={
                  <Badge tone={group.count > 1 ? 'amber' : 'gray'}>
                    {group.count === 1 ? 'asked once' : `asked ${group.count} times`}
                  </Badge>
                }
              >
                <p className="text-xs text-slate-500">
                  Last asked {formatDateTime(group.lastAskedAt, timeZone)} ·{' '}
                  {group.callIds.slice(0, 5).map((callId, index) => (
                    <span key={callId}>
                      {index > 0 ? ', ' : ''}
                      <Link
                        className="text-brand-600 hover:underline"
                        href={`/b/${businessId}/calls/${callId}`}
                      >
                        call {index + 1}
                      </Link>
                    </span>
                  ))}
                </p>
                {isOwner ? (
                  <form action={answerQuestionAction} className="mt-3 grid gap-2">
                    <input type="hidden" name="businessId" value={businessId} />
                    <input type="hidden" name="normalized" value={group.normalized} />
                    <input
                      name="question"
                      defaultValue={group.question}
                      aria-label="Question as the FAQ will hold it"
                      maxLength={300}
                      className={inputClass}
                    />
                    <textarea
                      name="answer"
                      required
                      maxLength={1000}
                      rows={2}
                      placeholder="Your answer…"
                      aria-label="Answer"
                      className={inputClass}
                    />
                    {group.callIds.length > 0 ? (
                      <label className="flex items-center gap-2 text-sm text-slate-600">
                        <input type="checkbox" name="textCallers" value="on" />
                        Also text this answer to the {group.callIds.length === 1 ? 'caller' : 'callers'} who
                        asked (not to numbers that replied STOP)
                      </label>
                    ) : null}
                    <div>
                      <button type="submit" className={buttonClass('primary')}>
                        Add to FAQ
                      </button>
                    </div>
                  </form>
                ) : (
                  <p className="mt-3 text-sm text-slate-500">Only an owner can answer it.</p>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
