'use client';

import { Group, PathInput } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { removeAt, replaceAt, useDraft } from '../../../../../components/settings/use-draft.ts';
import { Button } from '../../../../../components/ui.tsx';
import { newService, type ServiceDraft, type ServicesDraft, servicesPatch } from './draft.ts';

export function ServicesForm({
  businessId,
  initial,
  currency,
  readOnly,
}: {
  businessId: string;
  initial: ServicesDraft;
  currency: string;
  readOnly: boolean;
}) {
  const { draft, edit } = useDraft(initial);
  const editRow = (index: number, patch: Partial<ServiceDraft>) =>
    edit((current) => ({
      ...current,
      services: replaceAt(current.services, index, (row) => ({ ...row, ...patch })),
    }));
  return (
    <SettingsForm businessId={businessId} section="services" patch={servicesPatch(draft)} readOnly={readOnly}>
      {draft.services.length === 0 ? (
        <p className="text-sm text-slate-500">No services: callers cannot book, only leave messages.</p>
      ) : null}
      <ul className="space-y-4" data-testid="services">
        {draft.services.map((service, index) => {
          const path = `services.${index}`;
          const title = service.name.trim() || `New service ${index + 1}`;
          return (
            <li key={service.id || `new-${index}`}>
              <Group legend={`Service ${index + 1}: ${title}`}>
                <div className="grid gap-3 sm:grid-cols-2">
                  <PathInput
                    path={`${path}.name`}
                    label={`Service ${index + 1} name`}
                    value={service.name}
                    onValueChange={(name) => editRow(index, { name })}
                  />
                  <PathInput
                    path={`${path}.description`}
                    label={`Service ${index + 1} description (optional)`}
                    value={service.description}
                    onValueChange={(description) => editRow(index, { description })}
                  />
                </div>
                <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
                  <PathInput
                    path={`${path}.durationMinutes`}
                    label={`Service ${index + 1} duration (minutes)`}
                    type="number"
                    min={5}
                    max={480}
                    value={service.durationMinutes}
                    onValueChange={(durationMinutes) => editRow(index, { durationMinutes })}
                  />
                  <PathInput
                    path={`${path}.priceCents`}
                    label={`Service ${index + 1} price (${currency}, optional)`}
                    type="number"
                    min={0}
                    step="0.01"
                    value={service.price}
                    onValueChange={(price) => editRow(index, { price })}
                  />
                  <PathInput
                    path={`${path}.bufferMinutes`}
                    label={`Service ${index + 1} buffer after (minutes)`}
                    type="number"
                    min={0}
                    max={240}
                    value={service.bufferMinutes}
                    onValueChange={(bufferMinutes) => editRow(index, { bufferMinutes })}
                  />
                </div>
                <Button
                  variant="ghost"
                  onClick={() =>
                    edit((current) => ({ ...current, services: removeAt(current.services, index) }))
                  }
                >
                  Remove service {index + 1}
                </Button>
              </Group>
            </li>
          );
        })}
      </ul>
      <Button
        variant="secondary"
        onClick={() => edit((current) => ({ ...current, services: [...current.services, newService()] }))}
      >
        Add a service
      </Button>
    </SettingsForm>
  );
}
