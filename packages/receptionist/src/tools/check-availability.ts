import {
  findNextFreeDay,
  findSlots,
  formatDate,
  formatTime,
  IsoDate,
  joinWords,
  LocalTime,
  minutesOfDay,
  resolveService,
} from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { z } from 'zod';
import { closedNotice } from './closed-notice.ts';
import type { ReceptionistToolData } from './data.ts';
import { localizedSlot } from './read-back.ts';
import { receptionistTool, type ToolDependencies } from './runner.ts';

const MAX_SPOKEN_SLOTS = 6;

const CheckAvailabilityParameters = z.object({
  service: z.string().trim().min(1).max(100).describe('Service name or id, e.g. "Cleaning"'),
  date: IsoDate.describe('First date to check, YYYY-MM-DD in the business time zone'),
  endDate: IsoDate.nullish().describe('Last date to check (inclusive), YYYY-MM-DD; omit for one day'),
  preferredTime: LocalTime.nullish().describe(
    'Preferred local time HH:mm; the nearest free times are offered first',
  ),
});

export function checkAvailabilityTool(deps: ToolDependencies): AnyEngineTool {
  return receptionistTool(deps, {
    name: 'check_availability',
    description:
      'Call when the caller wants to know when they can come in for a service, before booking. Returns free start times on a date (or a range of up to 14 days).',
    parameters: CheckAvailabilityParameters,
    async run(args, ctx, call) {
      const service = resolveService(ctx.profile, args.service);
      const slots = await findSlots(ctx, { service, fromDate: args.date, toDate: args.endDate ?? args.date });
      const data = {
        service: { id: service.id, name: service.name },
        slots: slots.map(({ date, time }) => localizedSlot({ date, time }, call)),
      } satisfies ReceptionistToolData['check_availability'];
      if (slots.length === 0) {
        const next = await findNextFreeDay(ctx, service, args.endDate ?? args.date);
        const range = args.endDate
          ? `between ${formatDate(ctx.profile, args.date)} and ${formatDate(ctx.profile, args.endDate)}`
          : `on ${formatDate(ctx.profile, args.date)}`;
        const nextText = next
          ? ` The next opening is ${formatDate(ctx.profile, next.date)} at ${formatTime(ctx.profile, next.startAt)}.`
          : '';
        const closed = args.endDate ? undefined : closedNotice(ctx.profile, args.date);
        return {
          ok: true,
          message: `${closed ?? `I have nothing free for a ${service.name} ${range}.`}${nextText}`,
          data: {
            ...data,
            next: next ? localizedSlot({ date: next.date, time: next.time }, call) : undefined,
          } satisfies ReceptionistToolData['check_availability'],
        };
      }
      const preferred = args.preferredTime ? minutesOfDay(args.preferredTime) : undefined;
      const ordered =
        preferred === undefined
          ? slots
          : [...slots].sort(
              (a, b) =>
                Math.abs(minutesOfDay(a.time) - preferred) - Math.abs(minutesOfDay(b.time) - preferred),
            );
      const spoken = ordered.slice(0, MAX_SPOKEN_SLOTS).sort((a, b) => a.startAt - b.startAt);
      const byDate = new Map<string, string[]>();
      for (const slot of spoken)
        byDate.set(slot.date, [...(byDate.get(slot.date) ?? []), formatTime(ctx.profile, slot.startAt)]);
      const sentences = [...byDate].map(
        ([date, times]) => `on ${formatDate(ctx.profile, date)} at ${joinWords(times)}`,
      );
      return { ok: true, message: `For a ${service.name} I have ${sentences.join('; ')}.`, data };
    },
  });
}
