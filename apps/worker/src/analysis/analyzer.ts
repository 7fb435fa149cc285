import { type CallAnalysis, type CallFacts, deterministicAnalysis } from '@receptionist/domain';

/** Turns a finished call's facts into its analysis. Never throws for a model's failure: it falls back. */
export type CallAnalyzer = (facts: CallFacts, options: { signal: AbortSignal }) => Promise<CallAnalysis>;

/** No model: the summary and fields come from the turns and tool results alone. */
export const deterministicAnalyzer: CallAnalyzer = async (facts) => deterministicAnalysis(facts);
