import type { BusinessProfile } from '@receptionist/domain';
import { optionalText } from '../../../../../components/settings/form-values.ts';

export interface GreetingDraft {
  greeting: string;
  aiDisclosure: string;
}

export function greetingDraft(profile: BusinessProfile): GreetingDraft {
  return { greeting: profile.greeting, aiDisclosure: profile.aiDisclosure ?? '' };
}

/** A blank greeting is sent blank, for the schema to refuse: every call needs one. */
export function greetingPatch(draft: GreetingDraft): Record<string, unknown> {
  return { greeting: draft.greeting.trim(), aiDisclosure: optionalText(draft.aiDisclosure) };
}
