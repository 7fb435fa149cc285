import type { BusinessProfile, TransferDestination } from '@receptionist/domain';
import { isDialableDestination, joinWords } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { receptionistTool, type ToolDependencies } from './runner.ts';

/** A destination by id or (partial) name; the model never supplies a number. */
const TransferCallParameters = z.object({
  destination: z.string().trim().min(1).max(100).describe('Destination id or name, e.g. "Front desk"'),
  reason: z.string().trim().max(300).nullish().describe('Why the caller wants to be transferred'),
});

export function findDestination(profile: BusinessProfile, idOrName: string): TransferDestination | undefined {
  const wanted = idOrName.trim().toLowerCase();
  const byId = profile.transferDestinations.find((destination) => destination.id === wanted);
  if (byId !== undefined) return byId;
  const byName = profile.transferDestinations.filter(
    (destination) =>
      destination.name.toLowerCase() === wanted ||
      (wanted.length >= 3 && destination.name.toLowerCase().includes(wanted)),
  );
  return byName.length === 1 ? byName[0] : undefined;
}

export function transferCallTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'transfer_call',
    description:
      'Call when the caller asks for a person or a department, or needs help you cannot give. Pick a destination by its id or name from the business information; never a phone number.',
    parameters: TransferCallParameters,
    immediate: true,
    async run(args, { profile }) {
      const destination = findDestination(profile, args.destination);
      if (destination === undefined) {
        const names = profile.transferDestinations.map((entry) => entry.name);
        return {
          ok: false,
          code: 'unknown_destination',
          message:
            names.length === 0
              ? "I'm not able to transfer calls, but I can take a message."
              : `I can transfer you to ${joinWords(names)}. Which would you like?`,
          data: { destinations: profile.transferDestinations.map(({ id, name }) => ({ id, name })) },
        };
      }
      if (!isDialableDestination(profile, destination.phoneNumber)) {
        // A number stored before the destination policy (premium rate, another country) is never dialled.
        return {
          ok: false,
          code: 'destination_refused',
          message: `I'm not able to put you through to ${destination.name}, but I can take a message.`,
        };
      }
      return {
        ok: true,
        message: `Transferring you to ${destination.name} now.`,
        data: { destinationId: destination.id, reason: args.reason ?? undefined },
        action: {
          type: 'transfer',
          destinationId: destination.id,
          destinationName: destination.name,
          phoneNumber: destination.phoneNumber,
        },
      };
    },
  });
}
