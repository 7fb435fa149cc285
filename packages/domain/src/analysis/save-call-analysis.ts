import { type Executor, forBusiness } from '@receptionist/db';
import { z } from 'zod';
import { CallId, onCall, parseCallInput } from '../calls/context.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { normalizeQuestion } from './questions.ts';
import { CallAnalysis } from './schema.ts';

export const SaveCallAnalysisInput = z.object({
  businessId: z.string().trim().min(1).max(100),
  callId: CallId,
  analysis: CallAnalysis,
});
export type SaveCallAnalysisInput = z.input<typeof SaveCallAnalysisInput>;

/**
 * Stores a call's summary and analysis, files its unanswered questions as knowledge gaps and records
 * `call.analyzed`, all in one transaction. Written once per call: when the call already has an analysis
 * (the job ran before and only its completion was lost) nothing changes and no event is recorded again.
 */
export async function saveCallAnalysis({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: SaveCallAnalysisInput;
}): Promise<{ saved: boolean }> {
  const parsed = parseCallInput(SaveCallAnalysisInput, input);
  const { analysis } = parsed;
  return forBusiness(ctx.db, parsed.businessId).transaction((tenant) =>
    onCall(parsed.callId, async () => {
      const row = await tenant.calls.setAnalysis(parsed.callId, {
        summary: analysis.summary,
        outcome: analysis.outcome,
        analysis,
      });
      if (row === undefined) return { saved: false };
      await tenant.knowledgeGaps.addForCall(
        parsed.callId,
        analysis.unansweredQuestions.map((question) => ({
          question,
          normalized: normalizeQuestion(question),
        })),
      );
      await recordBusinessEvent({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: {
          type: 'call.analyzed',
          data: { callId: row.id, fromNumber: row.fromNumber, summary: analysis.summary, analysis },
        },
      });
      return { saved: true };
    }),
  );
}
