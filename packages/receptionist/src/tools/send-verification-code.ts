import { RequestCallerCodeInput, requestCallerCode } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import type { ReceptionistToolData } from './data.ts';
import { toolParameters } from './parameters.ts';
import { receptionistTool, type ToolDependencies, withoutNulls } from './runner.ts';

const SendVerificationCodeParameters = toolParameters(RequestCallerCodeInput, {
  phone: 'The number the booking is under, if not the one they call from',
});

export function sendVerificationCodeTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'send_verification_code',
    description:
      'Call when a booking lookup answered verification_required with the sms_code method: texts a one-time code to the number the booking is under. Then ask the caller to read the code back and pass it as verificationCode.',
    parameters: SendVerificationCodeParameters,
    async run(args, ctx) {
      const sent = await requestCallerCode({ ctx, input: withoutNulls(args) });
      return {
        ok: true,
        // Said alike whether or not the number has bookings: a code request reveals nothing.
        message: `I've texted a 6-digit code to the number ending in ${sent.phoneEnding.split('').join(' ')}, if it has a booking with us. What is the code?`,
        data: sent satisfies ReceptionistToolData['send_verification_code'],
      };
    },
  });
}
