import { aiDisclosure, describeAddress, describeHours, describeServices } from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { localizedServices } from './read-back.ts';
import { receptionistTool, type ToolDependencies } from './runner.ts';

const TOPICS = ['overview', 'hours', 'address', 'services', 'contact'] as const;

const GetBusinessInfoParameters = z.object({
  topic: z.enum(TOPICS).nullish().describe('What the caller wants to know; omit for an overview'),
});

export function getBusinessInfoTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'get_business_info',
    description:
      'Call when the caller asks general facts about the business: opening hours, address or directions, the services offered and their prices, or who you are.',
    parameters: GetBusinessInfoParameters,
    async run(args, { profile }, call) {
      const topic = args.topic ?? 'overview';
      const address = describeAddress(profile);
      const sentences: Record<(typeof TOPICS)[number], string> = {
        hours: `Our hours are ${describeHours(profile)}`,
        address: address ? `We're at ${address}.` : "I don't have our street address to hand.",
        services: describeServices(profile),
        contact: profile.website
          ? `You can find us online at ${profile.website}.`
          : `${profile.name} can be reached on this number.`,
        overview: [
          `${aiDisclosure(profile)}`,
          profile.description,
          `Our hours are ${describeHours(profile)}`,
          address ? `We're at ${address}.` : undefined,
          describeServices(profile),
        ]
          .filter(Boolean)
          .join(' '),
      };
      return {
        ok: true,
        message: sentences[topic],
        data: {
          name: profile.name,
          timeZone: profile.timeZone,
          services: localizedServices(profile, call),
        },
      };
    },
  });
}
