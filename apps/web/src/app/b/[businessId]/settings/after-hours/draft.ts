import type { BusinessProfile } from '@receptionist/domain';

export interface AfterHoursDraft {
  behaviour: BusinessProfile['afterHours']['behaviour'];
  transferDestinationId: string;
}

export function afterHoursDraft({ afterHours }: BusinessProfile): AfterHoursDraft {
  return { behaviour: afterHours.behaviour, transferDestinationId: afterHours.transferDestinationId ?? '' };
}

/** The destination is kept only for `transfer`; none chosen goes to the schema, which asks for one. */
export function afterHoursPatch(draft: AfterHoursDraft): Record<string, unknown> {
  return {
    afterHours:
      draft.behaviour === 'transfer' && draft.transferDestinationId !== ''
        ? { behaviour: 'transfer', transferDestinationId: draft.transferDestinationId }
        : { behaviour: draft.behaviour },
  };
}
