import { isAnyoneToldOf, type NotificationTopic, TakeMessageInput, takeMessage } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { localizedPhone } from './read-back.ts';
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
    async run(args, ctx, call) {
      const message = await takeMessage({ ctx, input: withoutNulls(args) });
      // Say only what will happen: "passed on" when someone is notified now, else that it is on file.
      const topics: NotificationTopic[] =
        message.urgency === 'high' ? ['urgent_message', 'message'] : ['message'];
      const passedOn = await isAnyoneToldOf({ ctx, input: { topics } });
      return {
        ok: true,
        message: passedOn
          ? "I've passed your message on; someone will get back to you."
          : "I've taken your message and saved it for the team; they'll see it and get back to you.",
        data: {
          messageId: message.id,
          urgency: message.urgency,
          ...spokenNumber(localizedPhone(message.callerNumber, call)),
        } satisfies ReceptionistToolData['take_message'],
      };
    },
  });
}

function spokenNumber(spoken: string | undefined): { spokenCallbackNumber?: string } {
  return spoken === undefined ? {} : { spokenCallbackNumber: spoken };
}
