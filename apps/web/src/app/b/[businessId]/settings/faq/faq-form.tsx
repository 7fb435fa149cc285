'use client';

import { Group, PathInput, PathTextarea } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { removeAt, replaceAt, useDraft } from '../../../../../components/settings/use-draft.ts';
import { Button } from '../../../../../components/ui.tsx';
import { type FaqDraft, faqPatch } from './draft.ts';

export function FaqForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: FaqDraft[];
  readOnly: boolean;
}) {
  const { draft, edit } = useDraft({ faq: initial });
  const editRow = (index: number, patch: Partial<FaqDraft>) =>
    edit((current) => ({ faq: replaceAt(current.faq, index, (row) => ({ ...row, ...patch })) }));
  return (
    <SettingsForm businessId={businessId} section="faq" patch={faqPatch(draft.faq)} readOnly={readOnly}>
      {draft.faq.length === 0 ? <p className="text-sm text-slate-500">No answers yet.</p> : null}
      <ul className="space-y-4" data-testid="faq">
        {draft.faq.map((entry, index) => {
          const path = `faq.${index}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity but their place
            <li key={index}>
              <Group legend={`Question ${index + 1}`}>
                <PathInput
                  path={`${path}.question`}
                  label={`Question ${index + 1}`}
                  placeholder="Where can I park?"
                  value={entry.question}
                  onValueChange={(question) => editRow(index, { question })}
                />
                <PathTextarea
                  path={`${path}.answer`}
                  label={`Answer ${index + 1}`}
                  value={entry.answer}
                  onValueChange={(answer) => editRow(index, { answer })}
                  rows={2}
                />
                <PathInput
                  path={`${path}.keywords`}
                  label={`Keywords ${index + 1} (optional)`}
                  hint="Comma separated words callers might use (“parking, car park”). Questions are also matched by their own words."
                  value={entry.keywords}
                  onValueChange={(keywords) => editRow(index, { keywords })}
                />
                <Button
                  variant="ghost"
                  onClick={() => edit((current) => ({ faq: removeAt(current.faq, index) }))}
                >
                  Remove question {index + 1}
                </Button>
              </Group>
            </li>
          );
        })}
      </ul>
      <Button
        variant="secondary"
        onClick={() =>
          edit((current) => ({ faq: [...current.faq, { question: '', answer: '', keywords: '' }] }))
        }
      >
        Add a question
      </Button>
    </SettingsForm>
  );
}
