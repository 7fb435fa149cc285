'use client';

import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { removeAt, replaceAt } from '../settings/use-draft.ts';
import { Button, Field } from '../ui.tsx';
import { SelectInput, TextInput } from './draft-inputs.tsx';
import { type EditList, ListEditor } from './list-editor.tsx';
import { type DayDraft, type ProfileDraft, VOICES, WEEKDAYS, type Weekday } from './profile-draft.ts';

type SetDraft = Dispatch<SetStateAction<ProfileDraft>>;

const TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Toronto',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Australia/Sydney',
  'UTC',
];

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      {description ? <p className="-mt-2 text-sm text-slate-500">{description}</p> : null}
      {children}
    </fieldset>
  );
}

/** The draft's top-level text fields, each edited by one input or select. */
type TextField = {
  [K in keyof ProfileDraft]: ProfileDraft[K] extends string ? K : never;
}[keyof ProfileDraft];

/** The draft's lists of rows, each edited by a `ListEditor`. */
type ListField = {
  [K in keyof ProfileDraft]: ProfileDraft[K] extends unknown[] ? K : never;
}[keyof ProfileDraft];

function setField(setDraft: SetDraft, field: TextField): (value: string) => void {
  return (value) => setDraft((d) => ({ ...d, [field]: value }));
}

function editList<K extends ListField>(setDraft: SetDraft, field: K): EditList<ProfileDraft[K][number]> {
  return (change) => setDraft((d) => ({ ...d, [field]: change(d[field]) }));
}

/** Saved rows keep their id as key; new ones (id '') are told apart by position. */
function idOrPosition(row: { id: string }, index: number): string {
  return row.id || `new-${index}`;
}

export function BasicsSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const zones = TIME_ZONES.includes(draft.timeZone) ? TIME_ZONES : [draft.timeZone, ...TIME_ZONES];
  return (
    <Section title="Business" description="What callers hear and how the receptionist introduces you.">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Business name">
          <TextInput
            name="businessName"
            required
            value={draft.name}
            onValueChange={setField(setDraft, 'name')}
          />
        </Field>
        <Field label="Time zone">
          <SelectInput
            name="timeZone"
            value={draft.timeZone}
            options={zones}
            onValueChange={setField(setDraft, 'timeZone')}
          />
        </Field>
      </div>
      <Field
        label="Greeting"
        hint="The first thing the receptionist says. Leave empty for a sensible default."
      >
        <TextInput
          name="greeting"
          value={draft.greeting}
          placeholder={`Thanks for calling ${draft.name || 'us'}. How can I help you today?`}
          onValueChange={setField(setDraft, 'greeting')}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Voice">
          <SelectInput
            name="voice"
            value={draft.voice}
            options={VOICES}
            onValueChange={setField(setDraft, 'voice')}
          />
        </Field>
        <Field label="About the business (optional)">
          <TextInput value={draft.description} onValueChange={setField(setDraft, 'description')} />
        </Field>
      </div>
    </Section>
  );
}

export function HoursSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const update = (day: Weekday, change: (hours: DayDraft) => DayDraft) =>
    setDraft((d) => ({ ...d, hours: { ...d.hours, [day]: change(d.hours[day]) } }));
  return (
    <Section
      title="Opening hours"
      description="Appointments are only offered inside these hours, outside breaks. A day may have several breaks."
    >
      <div className="space-y-3">
        {WEEKDAYS.map((day) => {
          const hours = draft.hours[day];
          return (
            <div key={day} className="space-y-2">
              <div className="grid grid-cols-[7rem_1fr] items-center gap-3 sm:grid-cols-[7rem_repeat(2,minmax(0,1fr))]">
                <label className="flex items-center gap-2 text-sm font-medium capitalize">
                  <input
                    type="checkbox"
                    checked={hours.open}
                    onChange={(e) => update(day, (h) => ({ ...h, open: e.target.checked }))}
                  />
                  {day}
                </label>
                {hours.open ? (
                  <>
                    <TextInput
                      type="time"
                      label={`${day} opens`}
                      value={hours.from}
                      onValueChange={(from) => update(day, (h) => ({ ...h, from }))}
                    />
                    <TextInput
                      type="time"
                      label={`${day} closes`}
                      value={hours.to}
                      onValueChange={(to) => update(day, (h) => ({ ...h, to }))}
                    />
                  </>
                ) : (
                  <span className="text-sm text-slate-500 sm:col-span-2">Closed</span>
                )}
              </div>
              {hours.open ? <DayBreaks day={day} hours={hours} update={update} /> : null}
            </div>
          );
        })}
      </div>
    </Section>
  );
}

/** A break's two time inputs, with the end of each one's accessible name ("monday break 1 starts"). */
const BREAK_EDGES = [
  ['start', 'starts'],
  ['end', 'ends'],
] as const;

/** A day's breaks, each removable, and a button for one more (labels name the day and the break). */
function DayBreaks({
  day,
  hours,
  update,
}: {
  day: Weekday;
  hours: DayDraft;
  update: (day: Weekday, change: (hours: DayDraft) => DayDraft) => void;
}) {
  return (
    <div className="space-y-2 sm:pl-[7.75rem]">
      {hours.breaks.map((range, index) => {
        const label = `${day} break ${index + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a break has no identity but its place
          <div key={index} className="grid grid-cols-2 items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
            {BREAK_EDGES.map(([edge, name]) => (
              <TextInput
                key={edge}
                type="time"
                label={`${label} ${name}`}
                value={range[edge]}
                onValueChange={(value) =>
                  update(day, (h) => ({
                    ...h,
                    breaks: replaceAt(h.breaks, index, (b) => ({ ...b, [edge]: value })),
                  }))
                }
              />
            ))}
            <Button
              variant="ghost"
              aria-label={`Remove ${label}`}
              onClick={() => update(day, (h) => ({ ...h, breaks: removeAt(h.breaks, index) }))}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <Button
        variant="secondary"
        onClick={() =>
          update(day, (h) => ({ ...h, breaks: [...h.breaks, { start: '12:00', end: '13:00' }] }))
        }
      >
        Add a break on <span className="capitalize">{day}</span>
      </Button>
    </div>
  );
}

export function ServicesSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  return (
    <Section title="Services" description="What callers can book, how long it takes and what it costs.">
      <ListEditor
        className="space-y-2"
        rowClassName="grid grid-cols-2 gap-2 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]"
        items={draft.services}
        edit={editList(setDraft, 'services')}
        rowKey={idOrPosition}
        columns={[
          { field: 'name', label: 'Service name', placeholder: 'Service name' },
          { field: 'durationMinutes', label: 'Minutes', type: 'number', min: 5, placeholder: 'Minutes' },
          { field: 'price', label: 'Price', type: 'number', min: 0, step: '0.01', placeholder: 'Price $' },
          {
            field: 'bufferMinutes',
            label: 'Buffer minutes',
            type: 'number',
            min: 0,
            placeholder: 'Buffer min',
          },
        ]}
        newItem={() => ({ id: '', name: '', durationMinutes: '30', price: '', bufferMinutes: '0' })}
        addLabel="Add service"
      />
    </Section>
  );
}

export function FaqSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  return (
    <Section title="Questions callers ask" description="The receptionist answers these word for word.">
      <ListEditor
        className="space-y-3"
        rowClassName="grid gap-2 sm:grid-cols-[1fr_2fr_auto]"
        items={draft.faq}
        edit={editList(setDraft, 'faq')}
        columns={[
          { field: 'question', label: 'Question', placeholder: 'Do you take insurance?' },
          { field: 'answer', label: 'Answer', placeholder: 'Yes, most major plans.' },
        ]}
        newItem={() => ({ question: '', answer: '' })}
        addLabel="Add question"
      />
    </Section>
  );
}

export function TransfersSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  return (
    <Section
      title="Transfers"
      description="People the receptionist may put callers through to. Only these numbers are ever dialled."
    >
      <ListEditor
        className="space-y-2"
        rowClassName="grid gap-2 sm:grid-cols-[1fr_1fr_auto]"
        items={draft.transfers}
        edit={editList(setDraft, 'transfers')}
        rowKey={idOrPosition}
        columns={[
          { field: 'name', label: 'Destination name', placeholder: 'Front desk' },
          { field: 'phoneNumber', label: 'Destination number', placeholder: '+12025550123' },
        ]}
        newItem={() => ({ id: '', name: '', phoneNumber: '' })}
        addLabel="Add destination"
      />
    </Section>
  );
}

export function LimitsSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  return (
    <Section title="Call limits">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Longest call (minutes)">
          <TextInput
            type="number"
            min={1}
            max={60}
            value={draft.maxCallMinutes}
            onValueChange={setField(setDraft, 'maxCallMinutes')}
          />
        </Field>
        <Field label="Silence before “are you still there?” (seconds)">
          <TextInput
            type="number"
            min={5}
            max={300}
            value={draft.silenceTimeoutSeconds}
            onValueChange={setField(setDraft, 'silenceTimeoutSeconds')}
          />
        </Field>
        <Field label="Further silence before the call ends (seconds)">
          <TextInput
            type="number"
            min={5}
            max={300}
            value={draft.silenceHangupSeconds}
            onValueChange={setField(setDraft, 'silenceHangupSeconds')}
          />
        </Field>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={draft.recordCalls}
            onChange={(e) => setDraft((d) => ({ ...d, recordCalls: e.target.checked }))}
          />
          Record calls (callers hear “This call is recorded.”)
        </label>
        <Field label="Keep recordings for (days)">
          <TextInput
            type="number"
            min={1}
            max={3650}
            value={draft.recordingRetentionDays}
            onValueChange={setField(setDraft, 'recordingRetentionDays')}
          />
        </Field>
      </div>
    </Section>
  );
}
