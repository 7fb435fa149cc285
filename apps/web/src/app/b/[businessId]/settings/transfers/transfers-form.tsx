'use client';

import { Group, PathError, PathInput } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { removeAt, replaceAt, useDraft } from '../../../../../components/settings/use-draft.ts';
import { Button } from '../../../../../components/ui.tsx';
import { type DestinationDraft, type TransfersDraft, transfersPatch } from './draft.ts';

export function TransfersForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: TransfersDraft;
  readOnly: boolean;
}) {
  const { draft, edit, set } = useDraft(initial);
  const editRow = (index: number, patch: Partial<DestinationDraft>) =>
    edit((current) => ({
      ...current,
      destinations: replaceAt(current.destinations, index, (row) => ({ ...row, ...patch })),
    }));
  return (
    <SettingsForm
      businessId={businessId}
      section="transfers"
      patch={transfersPatch(draft)}
      readOnly={readOnly}
    >
      <section aria-labelledby="destinations-heading" className="space-y-3">
        <h2 id="destinations-heading" className="text-base font-semibold text-slate-900">
          Destinations
        </h2>
        <p className="text-sm text-slate-600">
          People the receptionist may put callers through to, by name. Only these numbers are ever dialled.
        </p>
        <PathError path="transferDestinations" />
        <ul className="space-y-4" data-testid="destinations">
          {draft.destinations.map((destination, index) => {
            const path = `transferDestinations.${index}`;
            return (
              <li key={destination.id || `new-${index}`}>
                <Group legend={`Destination ${index + 1}${destination.name ? `: ${destination.name}` : ''}`}>
                  <div className="grid gap-3 sm:grid-cols-2">
                    <PathInput
                      path={`${path}.name`}
                      label={`Destination ${index + 1} name`}
                      placeholder="Front desk"
                      value={destination.name}
                      onValueChange={(name) => editRow(index, { name })}
                    />
                    <PathInput
                      path={`${path}.phoneNumber`}
                      label={`Destination ${index + 1} phone number`}
                      type="tel"
                      placeholder="+12025550123"
                      value={destination.phoneNumber}
                      onValueChange={(phoneNumber) => editRow(index, { phoneNumber })}
                    />
                  </div>
                  <PathInput
                    path={`${path}.description`}
                    label={`Destination ${index + 1}: when to transfer here (optional)`}
                    placeholder="Billing questions"
                    value={destination.description}
                    onValueChange={(description) => editRow(index, { description })}
                  />
                  <Button
                    variant="ghost"
                    onClick={() =>
                      edit((current) => ({ ...current, destinations: removeAt(current.destinations, index) }))
                    }
                  >
                    Remove destination {index + 1}
                  </Button>
                </Group>
              </li>
            );
          })}
        </ul>
        <Button
          variant="secondary"
          onClick={() =>
            edit((current) => ({
              ...current,
              destinations: [...current.destinations, { id: '', name: '', phoneNumber: '', description: '' }],
            }))
          }
        >
          Add a destination
        </Button>
      </section>
      <section aria-labelledby="rules-heading" className="space-y-3">
        <h2 id="rules-heading" className="text-base font-semibold text-slate-900">
          Rules
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <PathInput
            path="fallbackNumber"
            label="Fallback number (optional)"
            hint="Twilio rings this person if the voice server cannot take a call."
            type="tel"
            value={draft.fallbackNumber}
            onValueChange={set('fallbackNumber')}
          />
          <PathInput
            path="destinationCountries"
            label="Countries calls may be transferred to (optional)"
            hint="Two-letter codes, comma separated (US, CA). Empty: your own country only."
            value={draft.destinationCountries}
            onValueChange={set('destinationCountries')}
          />
        </div>
        <p className="text-sm text-slate-600">
          Which destination takes calls outside opening hours is set under After hours.
        </p>
      </section>
    </SettingsForm>
  );
}
