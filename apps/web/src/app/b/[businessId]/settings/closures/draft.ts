import type { BusinessProfile } from '@receptionist/domain';
import { optionalText } from '../../../../../components/settings/form-values.ts';

export interface ClosureDraft {
  from: string;
  to: string;
  reason: string;
}

/** Soonest first, as the owner reads a calendar. */
export function closuresDraft({ closures }: BusinessProfile): ClosureDraft[] {
  return [...closures]
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((closure) => ({ from: closure.from, to: closure.to ?? '', reason: closure.reason ?? '' }));
}

/** A blank "to" is a single day; rows keep their place so a refused one is reported where it is. */
export function closuresPatch(draft: readonly ClosureDraft[]): Record<string, unknown> {
  return {
    closures: draft.map((closure) => ({
      from: closure.from,
      ...(closure.to === '' ? {} : { to: closure.to }),
      ...(optionalText(closure.reason) === undefined ? {} : { reason: optionalText(closure.reason) }),
    })),
  };
}
