import type { Logger } from 'pino';
import type { AnalysisSettings } from '../env.ts';
import { type CallAnalyzer, deterministicAnalyzer } from './analyzer.ts';
import { createOpenAIAnalyzer } from './openai-analyzer.ts';

export type { CallAnalyzer } from './analyzer.ts';
export { deterministicAnalyzer } from './analyzer.ts';
export { createOpenAIAnalyzer } from './openai-analyzer.ts';

/** The analyser the settings ask for: OpenAI with a key, deterministic without. */
export function createCallAnalyzer(settings: AnalysisSettings, logger: Logger): CallAnalyzer {
  return settings.openai === undefined
    ? deterministicAnalyzer
    : createOpenAIAnalyzer({ ...settings.openai, logger });
}
