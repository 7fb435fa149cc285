'use client';

import type { Dispatch, SetStateAction } from 'react';
import { Field } from '../ui.tsx';
import { TextInput } from './draft-inputs.tsx';
import { type LanguagesDraft, servedTags, type TranslationDraft } from './language-draft.ts';
import type { ProfileDraft } from './profile-draft.ts';

type SetDraft = Dispatch<SetStateAction<ProfileDraft>>;

function setLanguages(setDraft: SetDraft, change: (languages: LanguagesDraft) => LanguagesDraft): void {
  setDraft((draft) => ({ ...draft, languages: change(draft.languages) }));
}

/** The translation row for `language`, created empty the first time it is edited. */
function translationOf(languages: LanguagesDraft, language: string): TranslationDraft {
  return (
    languages.translations.find((translation) => translation.language === language) ?? {
      language,
      greeting: '',
      aiDisclosure: '',
      serviceNames: {},
    }
  );
}

function editTranslation(
  setDraft: SetDraft,
  language: string,
  change: (translation: TranslationDraft) => TranslationDraft,
): void {
  setLanguages(setDraft, (languages) => ({
    ...languages,
    translations: [
      ...languages.translations.filter((translation) => translation.language !== language),
      change(translationOf(languages, language)),
    ],
  }));
}

/**
 * Languages callers are served in. The first one is the primary: the rest of this form is written in it.
 * For each other language, the greeting, disclosure and service names can be given; what is left empty
 * falls back to the primary language (the OpenAI receptionist translates it while it talks).
 */
export function LanguagesSection({ draft, setDraft }: { draft: ProfileDraft; setDraft: SetDraft }) {
  const served = servedTags(draft.languages);
  const others = served.slice(1);
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">Languages</legend>
      <p className="-mt-2 text-sm text-slate-500">
        The receptionist answers in the caller’s language. The offline engine understands English only;
        callers in other languages can leave a message or reach a person by keypad.
      </p>
      <Field
        label="Languages served"
        hint="BCP-47 tags, the primary first, e.g. “en-US, es-MX”. The rest of this form is in the primary language."
      >
        <TextInput
          name="languages"
          value={draft.languages.served}
          onValueChange={(value) => setLanguages(setDraft, (languages) => ({ ...languages, served: value }))}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          checked={draft.languages.offerLanguageChoice}
          disabled={others.length === 0}
          onChange={(event) =>
            setLanguages(setDraft, (languages) => ({
              ...languages,
              offerLanguageChoice: event.target.checked,
            }))
          }
        />
        Offer a keypad language choice before answering (“Para español, oprima 2.”)
      </label>
      {others.map((language) => {
        const translation = translationOf(draft.languages, language);
        return (
          <fieldset key={language} className="space-y-3 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-800">{language}</legend>
            <Field
              label={`Greeting (${language})`}
              hint="Empty: the primary greeting, translated by the agent."
            >
              <TextInput
                value={translation.greeting}
                onValueChange={(value) =>
                  editTranslation(setDraft, language, (current) => ({ ...current, greeting: value }))
                }
              />
            </Field>
            <Field label={`AI disclosure (${language})`} hint="Empty: a plain default in this language.">
              <TextInput
                value={translation.aiDisclosure}
                onValueChange={(value) =>
                  editTranslation(setDraft, language, (current) => ({ ...current, aiDisclosure: value }))
                }
              />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              {draft.services
                .filter((service) => service.id !== '')
                .map((service) => (
                  <Field key={service.id} label={`“${service.name}” in ${language}`}>
                    <TextInput
                      value={translation.serviceNames[service.id] ?? ''}
                      onValueChange={(value) =>
                        editTranslation(setDraft, language, (current) => ({
                          ...current,
                          serviceNames: { ...current.serviceNames, [service.id]: value },
                        }))
                      }
                    />
                  </Field>
                ))}
            </div>
          </fieldset>
        );
      })}
    </fieldset>
  );
}
