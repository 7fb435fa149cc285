import { DateTime } from 'luxon';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, ButtonLink, buttonClass, cx, EmptyState, PageHeader } from '../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { listAppointments } from '../../../../server/queries/appointments.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { cancelAppointmentAction } from './actions.ts';
import { RescheduleForm } from './reschedule-form.tsx';

export const metadata: Metadata = { title: 'Appointments' };

export default async function AppointmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ week?: string }>;
}) {
  const { businessId } = await params;
  await requireBusinessAccess(businessId);
  const { week } = await searchParams;
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const requested =
    week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? DateTime.fromISO(week, { zone: timeZone }) : undefined;
  const now = DateTime.fromMillis(systemClock(), { zone: timeZone });
  const weekStart = (requested?.isValid ? requested : now).startOf('week');
  const weekEnd = weekStart.plus({ weeks: 1 });
  const { appointments } = await listAppointments(db, businessId, {
    fromMs: weekStart.toMillis(),
    toMs: weekEnd.toMillis(),
  });
  const days = Array.from({ length: 7 }, (_, i) => weekStart.plus({ days: i }));
  const base = `/b/${businessId}/appointments`;
  const today = now.toISODate();
  const booked = appointments.filter((a) => a.status === 'booked');
  return (
    <>
      <PageHeader
        title="Appointments"
        description={`Week of ${weekStart.toFormat('d LLLL yyyy')} · ${timeZone}`}
        actions={
          <>
            <ButtonLink
              variant="secondary"
              href={`${base}?week=${weekStart.minus({ weeks: 1 }).toISODate()}`}
            >
              ← Previous
            </ButtonLink>
            <ButtonLink variant="secondary" href={base}>
              This week
            </ButtonLink>
            <ButtonLink variant="secondary" href={`${base}?week=${weekEnd.toISODate()}`}>
              Next →
            </ButtonLink>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-7" data-testid="week-view">
        {days.map((day) => {
          const dayAppointments = booked.filter(
            (a) => DateTime.fromMillis(a.startAt, { zone: timeZone }).toISODate() === day.toISODate(),
          );
          return (
            <div
              key={day.toISODate()}
              className={cx(
                'min-h-32 rounded-xl bg-white p-2.5 shadow-sm ring-1 ring-slate-200',
                day.toISODate() === today && 'ring-2 ring-brand-500',
              )}
            >
              <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                {day.toFormat('ccc d')}
              </p>
              <div className="space-y-1.5">
                {dayAppointments.map((a) => (
                  <div
                    key={a.id}
                    className="rounded-md bg-brand-50 px-2 py-1.5 text-xs ring-1 ring-brand-100"
                  >
                    <p className="font-semibold text-brand-700">
                      {DateTime.fromMillis(a.startAt, { zone: timeZone }).toFormat('HH:mm')} {a.serviceName}
                    </p>
                    <p className="truncate text-slate-600">{a.customerName ?? a.customerPhone}</p>
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-800">This week</h2>
      {appointments.length === 0 ? (
        <EmptyState title="No appointments this week" />
      ) : (
        <ul className="space-y-2" data-testid="appointment-list">
          {appointments.map((a) => {
            const start = DateTime.fromMillis(a.startAt, { zone: timeZone });
            return (
              <li
                key={a.id}
                className={cx(
                  'flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200',
                  a.status === 'cancelled' && 'opacity-60',
                )}
              >
                <div>
                  <p className="font-medium text-slate-900">
                    {a.serviceName} · {start.toFormat('ccc d LLL, HH:mm')}
                  </p>
                  <p className="text-sm text-slate-500">
                    {a.customerName ?? 'Unknown'} · {a.customerPhone}
                    {a.createdByCallId ? (
                      <>
                        {' · '}
                        <Link
                          className="text-brand-600 hover:underline"
                          href={`/b/${businessId}/calls/${a.createdByCallId}`}
                        >
                          booked on a call
                        </Link>
                      </>
                    ) : null}
                  </p>
                </div>
                {a.status === 'booked' ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <RescheduleForm
                      businessId={businessId}
                      appointmentId={a.id}
                      date={start.toISODate() ?? ''}
                      time={start.toFormat('HH:mm')}
                    />
                    <form action={cancelAppointmentAction}>
                      <input type="hidden" name="businessId" value={businessId} />
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <button type="submit" className={buttonClass('danger')}>
                        Cancel
                      </button>
                    </form>
                  </div>
                ) : (
                  <Badge tone="amber">cancelled</Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
