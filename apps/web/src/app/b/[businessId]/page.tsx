import type { Metadata } from 'next';
import {
  BusiestHoursChart,
  CallsPerDayChart,
  LatencyChart,
  OutcomesChart,
} from '../../../components/charts.tsx';
import { Card, PageHeader, Stat } from '../../../components/ui.tsx';
import { formatDuration, formatMs, humanize } from '../../../lib/format.ts';
import { requireBusinessAccess } from '../../../server/auth/current-user.ts';
import { systemClock } from '../../../server/clock.ts';
import { getDb } from '../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../server/queries/business.ts';
import { loadOverviewStats } from '../../../server/queries/stats.ts';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const stats = await loadOverviewStats(db, businessId, timeZone, systemClock());
  return (
    <>
      <PageHeader title="Overview" description={`${membership.businessName} · times in ${timeZone}`} />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Stat label="Calls today" value={stats.callsToday} />
        <Stat label="Calls this week" value={stats.callsThisWeek} />
        <Stat label="Bookings this week" value={stats.bookingsThisWeek} />
        <Stat label="Average call" value={formatDuration(stats.averageCallMs)} hint="this week" />
        <Stat
          label="Turn latency p50 / p95"
          value={`${formatMs(stats.latency.p50)}`}
          hint={`p95 ${formatMs(stats.latency.p95)} · ${stats.latency.turns} turns, 7 days`}
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Calls per day (14 days)">
          <CallsPerDayChart data={stats.callsPerDay} />
        </Card>
        <Card title="Outcomes (30 days)">
          <OutcomesChart data={stats.outcomes.map((o) => ({ label: humanize(o.outcome), calls: o.calls }))} />
        </Card>
        <Card title="Busiest hours (30 days)">
          <BusiestHoursChart data={stats.busiestHours} />
        </Card>
        <Card title="Per-turn latency, ms (7 days)">
          <LatencyChart data={stats.latencyPerDay} />
        </Card>
      </div>
    </>
  );
}
