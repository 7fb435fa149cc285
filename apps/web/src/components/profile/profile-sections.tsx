'use client';

import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { Button, Field, inputClass } from '../ui.tsx';
import { type ProfileDraft, VOICES, WEEKDAYS } from './profile-draft.ts';

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

export function BasicsSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const zones = TIME_ZONES.includes(draft.timeZone) ? TIME_ZONES : [draft.timeZone, ...TIME_ZONES];
  return (
    <Section title="Business" description="What callers hear and how the receptionist introduces you.">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Business name">
          <input
            className={inputClass}
            name="businessName"
            required
            value={draft.name}
            onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          />
        </Field>
        <Field label="Time zone">
          <select
            className={inputClass}
            name="timeZone"
            value={draft.timeZone}
            onChange={(e) => setDraft((d) => ({ ...d, timeZone: e.target.value }))}
          >
            {zones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        label="Greeting"
        hint="The first thing the receptionist says. Leave empty for a sensible default."
      >
        <input
          className={inputClass}
          name="greeting"
          value={draft.greeting}
          placeholder={`Thanks for calling ${draft.name || 'us'}. How can I help you today?`}
          onChange={(e) => setDraft((d) => ({ ...d, greeting: e.target.value }))}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Voice">
          <select
            className={inputClass}
            name="voice"
            value={draft.voice}
            onChange={(e) => setDraft((d) => ({ ...d, voice: e.target.value }))}
          >
            {VOICES.map((voice) => (
              <option key={voice}>{voice}</option>
            ))}
          </select>
        </Field>
        <Field label="About the business (optional)">
          <input
            className={inputClass}
            value={draft.description}
            onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
          />
        </Field>
      </div>
    </Section>
  );
}

export function HoursSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const update = (day: (typeof WEEKDAYS)[number], patch: Partial<ProfileDraft['hours'][typeof day]>) =>
    setDraft((d) => ({ ...d, hours: { ...d.hours, [day]: { ...d.hours[day], ...patch } } }));
  return (
    <Section
      title="Opening hours"
      description="Appointments are only offered inside these hours, outside breaks."
    >
      <div className="space-y-2">
        {WEEKDAYS.map((day) => {
          const hours = draft.hours[day];
          return (
            <div
              key={day}
              className="grid grid-cols-[7rem_1fr] items-center gap-3 sm:grid-cols-[7rem_repeat(4,minmax(0,1fr))]"
            >
              <label className="flex items-center gap-2 text-sm font-medium capitalize">
                <input
                  type="checkbox"
                  checked={hours.open}
                  onChange={(e) => update(day, { open: e.target.checked })}
                />
                {day}
              </label>
              {hours.open ? (
                <>
                  <input
                    type="time"
                    aria-label={`${day} opens`}
                    className={inputClass}
                    value={hours.from}
                    onChange={(e) => update(day, { from: e.target.value })}
                  />
                  <input
                    type="time"
                    aria-label={`${day} closes`}
                    className={inputClass}
                    value={hours.to}
                    onChange={(e) => update(day, { to: e.target.value })}
                  />
                  <input
                    type="time"
                    aria-label={`${day} break starts`}
                    className={inputClass}
                    value={hours.breakFrom}
                    onChange={(e) => update(day, { breakFrom: e.target.value })}
                  />
                  <input
                    type="time"
                    aria-label={`${day} break ends`}
                    className={inputClass}
                    value={hours.breakTo}
                    onChange={(e) => update(day, { breakTo: e.target.value })}
                  />
                </>
              ) : (
                <span className="text-sm text-slate-400 sm:col-span-4">Closed</span>
              )}
            </div>
          );
        })}
        <p className="text-xs text-slate-500">
          Columns: opens, closes, break from, break to (break optional).
        </p>
      </div>
    </Section>
  );
}

export function ServicesSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const update = (index: number, patch: Partial<ProfileDraft['services'][number]>) =>
    setDraft((d) => ({ ...d, services: d.services.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  return (
    <Section title="Services" description="What callers can book, how long it takes and what it costs.">
      <div className="space-y-2">
        {draft.services.map((service, index) => (
          <div
            key={service.id || `new-${index}`}
            className="grid grid-cols-2 gap-2 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]"
          >
            <input
              className={inputClass}
              aria-label="Service name"
              placeholder="Service name"
              value={service.name}
              onChange={(e) => update(index, { name: e.target.value })}
            />
            <input
              className={inputClass}
              aria-label="Minutes"
              type="number"
              min={5}
              placeholder="Minutes"
              value={service.durationMinutes}
              onChange={(e) => update(index, { durationMinutes: e.target.value })}
            />
            <input
              className={inputClass}
              aria-label="Price"
              type="number"
              min={0}
              step="0.01"
              placeholder="Price $"
              value={service.price}
              onChange={(e) => update(index, { price: e.target.value })}
            />
            <input
              className={inputClass}
              aria-label="Buffer minutes"
              type="number"
              min={0}
              placeholder="Buffer min"
              value={service.bufferMinutes}
              onChange={(e) => update(index, { bufferMinutes: e.target.value })}
            />
            <Button
              variant="ghost"
              onClick={() => setDraft((d) => ({ ...d, services: d.services.filter((_, i) => i !== index) }))}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              services: [
                ...d.services,
                { id: '', name: '', durationMinutes: '30', price: '', bufferMinutes: '0' },
              ],
            }))
          }
        >
          Add service
        </Button>
      </div>
    </Section>
  );
}

export function FaqSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const update = (index: number, patch: Partial<ProfileDraft['faq'][number]>) =>
    setDraft((d) => ({ ...d, faq: d.faq.map((f, i) => (i === index ? { ...f, ...patch } : f)) }));
  return (
    <Section title="Questions callers ask" description="The receptionist answers these word for word.">
      <div className="space-y-3">
        {draft.faq.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <div key={index} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto]">
            <input
              className={inputClass}
              aria-label="Question"
              placeholder="Do you take insurance?"
              value={entry.question}
              onChange={(e) => update(index, { question: e.target.value })}
            />
            <input
              className={inputClass}
              aria-label="Answer"
              placeholder="Yes, most major plans."
              value={entry.answer}
              onChange={(e) => update(index, { answer: e.target.value })}
            />
            <Button
              variant="ghost"
              onClick={() => setDraft((d) => ({ ...d, faq: d.faq.filter((_, i) => i !== index) }))}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() => setDraft((d) => ({ ...d, faq: [...d.faq, { question: '', answer: '' }] }))}
        >
          Add question
        </Button>
      </div>
    </Section>
  );
}

export function TransfersSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const update = (index: number, patch: Partial<ProfileDraft['transfers'][number]>) =>
    setDraft((d) => ({ ...d, transfers: d.transfers.map((t, i) => (i === index ? { ...t, ...patch } : t)) }));
  return (
    <Section
      title="Transfers"
      description="People the receptionist may put callers through to. Only these numbers are ever dialled."
    >
      <div className="space-y-2">
        {draft.transfers.map((transfer, index) => (
          <div key={transfer.id || `new-${index}`} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto]">
            <input
              className={inputClass}
              aria-label="Destination name"
              placeholder="Front desk"
              value={transfer.name}
              onChange={(e) => update(index, { name: e.target.value })}
            />
            <input
              className={inputClass}
              aria-label="Destination number"
              placeholder="+12025550123"
              value={transfer.phoneNumber}
              onChange={(e) => update(index, { phoneNumber: e.target.value })}
            />
            <Button
              variant="ghost"
              onClick={() =>
                setDraft((d) => ({ ...d, transfers: d.transfers.filter((_, i) => i !== index) }))
              }
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            setDraft((d) => ({ ...d, transfers: [...d.transfers, { id: '', name: '', phoneNumber: '' }] }))
          }
        >
          Add destination
        </Button>
      </div>
    </Section>
  );
}

export function LimitsSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  return (
    <Section title="Call limits">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Longest call (minutes)">
          <input
            type="number"
            min={1}
            max={60}
            className={inputClass}
            value={draft.maxCallMinutes}
            onChange={(e) => setDraft((d) => ({ ...d, maxCallMinutes: e.target.value }))}
          />
        </Field>
        <Field label="Silence before “are you still there?” (seconds)">
          <input
            type="number"
            min={5}
            max={300}
            className={inputClass}
            value={draft.silenceTimeoutSeconds}
            onChange={(e) => setDraft((d) => ({ ...d, silenceTimeoutSeconds: e.target.value }))}
          />
        </Field>
      </div>
    </Section>
  );
}
