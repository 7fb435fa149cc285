import { type Executor, forBusiness } from '@receptionist/db';
import { DomainError } from '../errors.ts';
import { loadProfileFor } from '../profile/store.ts';
import { type CallFacts, callFacts } from './facts.ts';
import { type CallAnalysis, parseStoredAnalysis } from './schema.ts';

export interface CallForAnalysis {
  facts: CallFacts;
  /** Set when the call was already analysed (a rerun of the job). */
  analysis: CallAnalysis | undefined;
  summary: string | null;
}

/**
 * Reads a finished call, its transcript, tool results and the business's prices for the post-call
 * analysis. Undefined when the call is gone (deleted with its business), which no retry can fix.
 */
export async function readCallForAnalysis({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; callId: string };
}): Promise<CallForAnalysis | undefined> {
  const tenant = forBusiness(ctx.db, input.businessId);
  const call = await tenant.calls.get(input.callId);
  if (call === undefined) return undefined;
  // A profile that no longer validates must not cost the owner the summary: prices are then unknown.
  const profile = await loadProfileFor(tenant).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'invalid_profile') return undefined;
    throw error;
  });
  return {
    facts: callFacts(call, profile),
    analysis: parseStoredAnalysis(call.analysis),
    summary: call.summary,
  };
}
