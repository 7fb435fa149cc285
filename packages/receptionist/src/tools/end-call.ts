import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { receptionistTool, type ToolDependencies } from './runner.ts';

const EndCallParameters = z.object({
  reason: z.string().trim().min(1).max(200).describe('Why the call is ending, e.g. "caller said goodbye"'),
});

export function endCallTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'end_call',
    description:
      'Call when the conversation is finished and you have said goodbye, or the caller asks to hang up. The call ends after your last words are played.',
    parameters: EndCallParameters,
    immediate: true,
    async run(args) {
      return { ok: true, message: 'Goodbye!', action: { type: 'end_call', reason: args.reason } };
    },
  });
}
