/** What running one scenario produced, and how results are printed (table for people, JSON lines for tools). */
import pc from 'picocolors';

export interface TranscriptLine {
  role: 'caller' | 'agent' | 'system';
  text: string;
  interrupted?: boolean;
}

export interface ScenarioResult {
  name: string;
  file: string;
  passed: boolean;
  durationMs: number;
  callSid?: string | undefined;
  callId?: string | undefined;
  endReason?: string | undefined;
  callStatus?: string | undefined;
  /** Each unmet expectation, in words. */
  failures: string[];
  /** Set when the scenario could not run at all (server down, bad setup…). */
  error?: string | undefined;
  transcript: TranscriptLine[];
  toolCalls: Array<{ name: string; status: string; code?: string | undefined }>;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function formatResultsTable(results: readonly ScenarioResult[], colors = false): string {
  const paint = colors ? pc : { green: (s: string) => s, red: (s: string) => s, bold: (s: string) => s };
  const rows = results.map((result) => ({
    status: result.passed ? 'PASS' : 'FAIL',
    name: result.name,
    seconds: (result.durationMs / 1000).toFixed(1),
    end: result.endReason ?? '-',
    detail: result.error ?? result.failures[0] ?? '',
  }));
  const nameWidth = Math.min(48, Math.max(8, ...rows.map((row) => row.name.length)));
  const endWidth = Math.min(20, Math.max(10, ...rows.map((row) => row.end.length)));
  const header = `${'RESULT'.padEnd(6)}  ${'SCENARIO'.padEnd(nameWidth)}  ${'SECONDS'.padStart(7)}  ${'END REASON'.padEnd(endWidth)}  DETAIL`;
  const lines = [paint.bold(header)];
  for (const row of rows) {
    const status =
      row.status === 'PASS' ? paint.green(row.status.padEnd(6)) : paint.red(row.status.padEnd(6));
    lines.push(
      `${status}  ${truncate(row.name, nameWidth).padEnd(nameWidth)}  ${row.seconds.padStart(7)}  ${truncate(row.end, endWidth).padEnd(endWidth)}  ${truncate(row.detail, 100)}`,
    );
  }
  const passed = results.filter((result) => result.passed).length;
  lines.push(`${passed}/${results.length} scenarios passed`);
  return lines.join('\n');
}

/** One JSON object per scenario, one per line. */
export function formatResultsJson(results: readonly ScenarioResult[]): string {
  return results.map((result) => JSON.stringify(result)).join('\n');
}
