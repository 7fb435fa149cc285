import type { CallFacts } from '@receptionist/domain';

export const ANALYSIS_INSTRUCTIONS = [
  'You analyse a finished phone call handled by an AI receptionist for a small business.',
  'Write for the business owner. Use only what the transcript and tool results say; never invent names,',
  'numbers or appointments. The summary is two to four plain sentences: who called, why, what was done,',
  'what is still open. Tool results marked FAILED did not happen.',
].join(' ');

/** The call as the model reads it: transcript lines, then each tool call with its result. */
export function renderCallForModel(facts: CallFacts): string {
  const lines = [
    `Caller ID: ${facts.fromNumber ?? 'unknown'}`,
    `Call status: ${facts.status}`,
    '',
    'Transcript:',
  ];
  for (const turn of facts.turns) lines.push(`${turn.role.toUpperCase()}: ${turn.text}`);
  if (facts.turns.length === 0) lines.push('(nothing was said)');
  lines.push('', 'Tool calls:');
  for (const tool of facts.tools) {
    const outcome = tool.ok ? 'OK' : `FAILED${tool.code ? ` (${tool.code})` : ''}`;
    lines.push(
      `${tool.name} ${JSON.stringify(tool.arguments)} → ${outcome}${tool.message ? `: ${tool.message}` : ''}`,
    );
  }
  if (facts.tools.length === 0) lines.push('(none)');
  return lines.join('\n');
}
