/** Billable minutes per day as plain CSS bars: rendered on the server, no chart library, no script. */
export function UsageBars({
  days,
}: {
  days: Array<{ date: string; calls: number; billableSeconds: number }>;
}) {
  const shown = days.slice(-31);
  const max = Math.max(60, ...shown.map((day) => day.billableSeconds));
  if (shown.length === 0) return <p className="text-sm text-slate-500">No days in this period yet.</p>;
  return (
    <figure>
      {/* The bars are a picture of the table below, which is what screen readers read. */}
      <div className="flex h-40 items-end gap-1" aria-hidden="true">
        {shown.map((day) => {
          const minutes = Math.ceil(day.billableSeconds / 60);
          return (
            <div
              key={day.date}
              title={`${day.date}: ${minutes} min, ${day.calls} calls`}
              className="flex-1 rounded-t bg-brand-500"
              style={{
                height: `${Math.max(day.billableSeconds > 0 ? 2 : 0, (day.billableSeconds / max) * 100)}%`,
              }}
            />
          );
        })}
      </div>
      {/* Hidden by a wrapper: a table ignores sr-only's 1 px width and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>Billable minutes per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Minutes</th>
              <th scope="col">Calls</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{Math.ceil(day.billableSeconds / 60)}</td>
                <td>{day.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className="mt-2 flex justify-between text-xs text-slate-500" aria-hidden="true">
        <span>{shown[0]?.date}</span>
        <span>{shown.at(-1)?.date}</span>
      </figcaption>
    </figure>
  );
}
