'use client';

import { Group, PathError, PathInput } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { removeAt, replaceAt, useDraft } from '../../../../../components/settings/use-draft.ts';
import { Button } from '../../../../../components/ui.tsx';
import { type ClosureDraft, closuresPatch } from './draft.ts';

export function ClosuresForm({
  businessId,
  initial,
  today,
  readOnly,
}: {
  businessId: string;
  initial: ClosureDraft[];
  /** The business's local date, where a new closure starts. */
  today: string;
  readOnly: boolean;
}) {
  const { draft, edit } = useDraft({ closures: initial });
  const editRow = (index: number, patch: Partial<ClosureDraft>) =>
    edit((current) => ({ closures: replaceAt(current.closures, index, (row) => ({ ...row, ...patch })) }));
  return (
    <SettingsForm
      businessId={businessId}
      section="closures"
      patch={closuresPatch(draft.closures)}
      readOnly={readOnly}
    >
      {draft.closures.length === 0 ? (
        <p className="text-sm text-slate-500">No closures planned. Regular days off belong in Hours.</p>
      ) : null}
      <ul className="space-y-3" data-testid="closures">
        {draft.closures.map((closure, index) => {
          const path = `closures.${index}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are unsaved edits with no identity but their place
            <li key={index}>
              <Group legend={`Closure ${index + 1}`}>
                <div className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr]">
                  <PathInput
                    path={`${path}.from`}
                    label={`Closure ${index + 1} first day`}
                    type="date"
                    value={closure.from}
                    onValueChange={(from) => editRow(index, { from })}
                  />
                  <PathInput
                    path={`${path}.to`}
                    label={`Closure ${index + 1} last day`}
                    hint="Empty: one day."
                    type="date"
                    min={closure.from || undefined}
                    value={closure.to}
                    onValueChange={(to) => editRow(index, { to })}
                  />
                  <PathInput
                    path={`${path}.reason`}
                    label={`Closure ${index + 1} reason (optional)`}
                    placeholder="Public holiday"
                    value={closure.reason}
                    onValueChange={(reason) => editRow(index, { reason })}
                  />
                </div>
                <PathError path={path} />
                <Button
                  variant="ghost"
                  onClick={() => edit((current) => ({ closures: removeAt(current.closures, index) }))}
                >
                  Remove closure {index + 1}
                </Button>
              </Group>
            </li>
          );
        })}
      </ul>
      <Button
        variant="secondary"
        onClick={() =>
          edit((current) => ({ closures: [...current.closures, { from: today, to: '', reason: '' }] }))
        }
      >
        Add a closure
      </Button>
    </SettingsForm>
  );
}
