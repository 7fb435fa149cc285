import { type DialoguePolicyFactory, localEngineUnderstands } from '@receptionist/engine/local';
import { DateTime } from 'luxon';
import { DialoguePolicy } from './dialogue.ts';
import { OtherLanguagePolicy } from './other-language.ts';
import { FIXED_SENTENCES } from './prompts.ts';

/**
 * The receptionist's offline brain, as the local engine takes it: one rule-based dialogue policy per call,
 * reading "tomorrow" and "the fourth" against the call's clock in the business's zone.
 */
export const offlineReceptionist: DialoguePolicyFactory = {
  create: (setup) =>
    // A language the engine cannot understand gets the keypad policy in that language, never English guessing.
    setup.language !== undefined && !localEngineUnderstands(setup.language)
      ? new OtherLanguagePolicy({
          business: setup.business,
          greeting: setup.greeting,
          callerNumber: setup.callerNumber,
          resumed: setup.resumed,
          language: setup.language,
        })
      : new DialoguePolicy({
          business: setup.business,
          greeting: setup.greeting,
          callerNumber: setup.callerNumber,
          resumed: setup.resumed,
          now: () => DateTime.fromMillis(setup.now(), { zone: setup.business.timeZone }),
          purpose: setup.purpose,
        }),
  fixedSentences: FIXED_SENTENCES,
};

export { type DialogueOptions, DialoguePolicy } from './dialogue.ts';
export { OtherLanguagePolicy } from './other-language.ts';
