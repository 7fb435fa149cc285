'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const BRAND = '#2f6fed';
const PALETTE = ['#2f6fed', '#10b981', '#f59e0b', '#8b5cf6', '#ef4444', '#06b6d4', '#64748b', '#94a3b8'];

/**
 * The chart's numbers as a table only screen readers see: a picture of bars is no answer to "how many
 * calls on Tuesday?", the table is (WCAG 1.1.1 text alternative).
 */
function ChartTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: readonly string[];
  rows: ReadonlyArray<readonly (string | number | null)[]>;
}) {
  return (
    // The wrapper, not the table, is visually hidden: a table ignores the 1 px width and would widen the page.
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) => (
                <td key={head[index]}>{cell ?? '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function shortDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function CallsPerDayChart({ data }: { data: Array<{ day: string; calls: number }> }) {
  return (
    <figure>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data.map((d) => ({ ...d, label: shortDay(d.day) }))} margin={{ left: -20, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip cursor={{ fill: '#f1f5f9' }} />
          <Bar dataKey="calls" name="Calls" fill={BRAND} radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ChartTable
        caption="Calls per day"
        head={['Day', 'Calls']}
        rows={data.map((d) => [shortDay(d.day), d.calls])}
      />
    </figure>
  );
}

export function BusiestHoursChart({ data }: { data: Array<{ hour: number; calls: number }> }) {
  return (
    <figure>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data.map((d) => ({ ...d, label: `${d.hour}h` }))} margin={{ left: -20, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="label"
            interval={2}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={false}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip cursor={{ fill: '#f1f5f9' }} />
          <Bar dataKey="calls" name="Calls" fill="#10b981" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ChartTable
        caption="Calls by hour of the day"
        head={['Hour', 'Calls']}
        rows={data.map((d) => [`${d.hour}:00`, d.calls])}
      />
    </figure>
  );
}

export function OutcomesChart({ data }: { data: Array<{ label: string; calls: number }> }) {
  if (data.length === 0) return <p className="py-16 text-center text-sm text-slate-500">No calls yet</p>;
  return (
    <figure>
      <ResponsiveContainer width="100%" height={220}>
        <PieChart>
          <Pie
            data={data}
            dataKey="calls"
            nameKey="label"
            innerRadius={50}
            outerRadius={80}
            isAnimationActive={false}
          >
            {data.map((entry, index) => (
              <Cell key={entry.label} fill={PALETTE[index % PALETTE.length]} />
            ))}
          </Pie>
          <Tooltip />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
        </PieChart>
      </ResponsiveContainer>
      <ChartTable
        caption="Calls by outcome"
        head={['Outcome', 'Calls']}
        rows={data.map((d) => [d.label, d.calls])}
      />
    </figure>
  );
}

export function LatencyChart({
  data,
}: {
  data: Array<{ day: string; p50: number | null; p95: number | null }>;
}) {
  return (
    <figure>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart
          data={data.map((d) => ({ ...d, label: shortDay(d.day) }))}
          margin={{ left: -10, right: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
          <YAxis width={48} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
          <Tooltip />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Line
            type="monotone"
            dataKey="p50"
            name="p50"
            stroke={BRAND}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p95"
            name="p95"
            stroke="#f59e0b"
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <ChartTable
        caption="Agent reply latency per day, in milliseconds"
        head={['Day', 'p50', 'p95']}
        rows={data.map((d) => [shortDay(d.day), d.p50, d.p95])}
      />
    </figure>
  );
}
