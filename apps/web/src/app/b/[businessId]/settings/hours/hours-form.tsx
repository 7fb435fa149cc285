'use client';

import {
  Group,
  PathCheckbox,
  PathError,
  PathInput,
} from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { removeAt, replaceAt, useDraft } from '../../../../../components/settings/use-draft.ts';
import { WEEKDAYS, type Weekday } from '../../../../../components/settings/weekdays.ts';
import { Button } from '../../../../../components/ui.tsx';
import { type DayDraft, type HoursDraft, hoursPatch } from './draft.ts';

function capitalised(day: string): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

export function HoursForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: HoursDraft;
  readOnly: boolean;
}) {
  const { draft, edit } = useDraft(initial);
  const editDay = (day: Weekday, change: (hours: DayDraft) => DayDraft) =>
    edit((current) => ({ ...current, [day]: change(current[day]) }));
  return (
    <SettingsForm businessId={businessId} section="hours" patch={hoursPatch(draft)} readOnly={readOnly}>
      <p className="text-sm text-slate-600">
        Appointments are offered only inside opening hours and outside breaks. A day may have several breaks.
      </p>
      {WEEKDAYS.map((day) => {
        const hours = draft[day];
        const name = capitalised(day);
        const path = `weeklyHours.${day}`;
        return (
          <Group key={day} legend={name}>
            <PathCheckbox
              path={`${path}.isOpen`}
              label={`Open on ${name}`}
              checked={hours.open}
              onCheckedChange={(open) => editDay(day, (h) => ({ ...h, open }))}
            />
            {hours.open ? (
              <>
                <div className="grid grid-cols-2 gap-3 sm:max-w-md">
                  <PathInput
                    path={`${path}.open`}
                    label={`${name} opens`}
                    type="time"
                    value={hours.opens}
                    onValueChange={(opens) => editDay(day, (h) => ({ ...h, opens }))}
                  />
                  <PathInput
                    path={`${path}.close`}
                    label={`${name} closes`}
                    type="time"
                    value={hours.closes}
                    onValueChange={(closes) => editDay(day, (h) => ({ ...h, closes }))}
                  />
                </div>
                <PathError path={path} />
                {hours.breaks.map((range, index) => {
                  const breakPath = `${path}.breaks.${index}`;
                  const label = `${name} break ${index + 1}`;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a break has no identity but its place
                    <div key={index} className="space-y-1">
                      <div className="grid grid-cols-2 items-end gap-3 sm:max-w-lg sm:grid-cols-[1fr_1fr_auto]">
                        <PathInput
                          path={`${breakPath}.start`}
                          label={`${label} starts`}
                          type="time"
                          value={range.start}
                          onValueChange={(start) =>
                            editDay(day, (h) => ({
                              ...h,
                              breaks: replaceAt(h.breaks, index, (b) => ({ ...b, start })),
                            }))
                          }
                        />
                        <PathInput
                          path={`${breakPath}.end`}
                          label={`${label} ends`}
                          type="time"
                          value={range.end}
                          onValueChange={(end) =>
                            editDay(day, (h) => ({
                              ...h,
                              breaks: replaceAt(h.breaks, index, (b) => ({ ...b, end })),
                            }))
                          }
                        />
                        <Button
                          variant="ghost"
                          className="col-span-2 justify-self-start sm:col-span-1"
                          aria-label={`Remove ${label.toLowerCase()}`}
                          onClick={() => editDay(day, (h) => ({ ...h, breaks: removeAt(h.breaks, index) }))}
                        >
                          Remove
                        </Button>
                      </div>
                      <PathError path={breakPath} />
                    </div>
                  );
                })}
                <Button
                  variant="secondary"
                  onClick={() =>
                    editDay(day, (h) => ({ ...h, breaks: [...h.breaks, { start: '12:00', end: '13:00' }] }))
                  }
                >
                  Add a break on {name}
                </Button>
              </>
            ) : (
              <p className="text-sm text-slate-500">Closed all day.</p>
            )}
          </Group>
        );
      })}
    </SettingsForm>
  );
}
