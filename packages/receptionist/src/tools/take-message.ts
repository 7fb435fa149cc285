import { TakeMessageInput, takeMessage } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const TakeMessageParameters = toolParameters(TakeMessageInput, {
  callerName: "The caller's name",
  callbackNumber: 'Number to call back if different from the number they are calling from',
  reason: 'The message, in a sentence or two',
  urgency: 'How urgent the caller says it is',
});

export function takeMessageTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'take_message',
    description:
      "Call when the caller wants to leave a message for the business, or when you can't help and a person should call them back.",
    parameters: TakeMessageParameters,
    async run(args, ctx) {
      const message = await takeMessage({ ctx, input: withoutNulls(args) });
      return {
        ok: true,
        message: "I've passed your message on; someone will get back to you.",
        data: {
          messageId: message.id,
          urgency: message.urgency,
        } satisfies ReceptionistToolData['take_message'],
      };
    },
  });
}
