import type { BusinessProfile } from '@receptionist/domain';
import { WEEKDAYS, type Weekday } from '../../../../../components/settings/weekdays.ts';

export interface BreakDraft {
  start: string;
  end: string;
}

export interface DayDraft {
  open: boolean;
  opens: string;
  closes: string;
  breaks: BreakDraft[];
}

export type HoursDraft = Record<Weekday, DayDraft>;

/** A closed day keeps sensible times in the form, so ticking it open starts from a normal day. */
export function hoursDraft({ weeklyHours }: BusinessProfile): HoursDraft {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const hours = weeklyHours[day];
      return [
        day,
        hours === null
          ? { open: false, opens: '09:00', closes: '17:00', breaks: [] }
          : {
              open: true,
              opens: hours.open,
              closes: hours.close,
              breaks: hours.breaks.map((b) => ({ ...b })),
            },
      ];
    }),
  ) as HoursDraft;
}

/** Every break row is sent, blank or not, so a refused one is reported at its own index. */
export function hoursPatch(draft: HoursDraft): Record<string, unknown> {
  return {
    weeklyHours: Object.fromEntries(
      WEEKDAYS.map((day) => {
        const hours = draft[day];
        return [
          day,
          hours.open
            ? {
                open: hours.opens,
                close: hours.closes,
                breaks: hours.breaks.map((b) => ({ start: b.start, end: b.end })),
              }
            : null,
        ];
      }),
    ),
  };
}
