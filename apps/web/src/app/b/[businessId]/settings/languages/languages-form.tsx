'use client';

import {
  type LanguagesDraft,
  languagesDraftToInput,
  servedTags,
  type TranslationDraft,
} from '../../../../../components/profile/language-draft.ts';
import {
  Group,
  PathCheckbox,
  PathError,
  PathInput,
  PathTextarea,
} from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';

/** The translation row for `language`, created empty the first time it is edited. */
function translationOf(draft: LanguagesDraft, language: string): TranslationDraft {
  return (
    draft.translations.find((translation) => translation.language === language) ?? {
      language,
      greeting: '',
      aiDisclosure: '',
      serviceNames: {},
    }
  );
}

/**
 * Languages callers are served in; the first is the primary, the language of every other settings page.
 * Per other language: greeting, disclosure and service names; what is left empty falls back to the
 * primary language's content (the OpenAI receptionist translates it while it talks).
 */
export function LanguagesForm({
  businessId,
  initial,
  services,
  readOnly,
}: {
  businessId: string;
  initial: LanguagesDraft;
  services: ReadonlyArray<{ id: string; name: string }>;
  readOnly: boolean;
}) {
  const { draft, edit } = useDraft(initial);
  const others = servedTags(draft).slice(1);
  const editTranslation = (language: string, change: (translation: TranslationDraft) => TranslationDraft) =>
    edit((current) => ({
      ...current,
      translations: [
        ...current.translations.filter((translation) => translation.language !== language),
        change(translationOf(current, language)),
      ],
    }));
  const patch = languagesDraftToInput(
    draft,
    services.map((service) => service.id),
  );
  return (
    <SettingsForm businessId={businessId} section="languages" patch={patch} readOnly={readOnly}>
      <p className="text-sm text-slate-600">
        The receptionist answers in the caller’s language. The offline engine understands English only;
        callers in other languages can leave a message or reach a person by keypad.
      </p>
      <PathInput
        path="languages"
        label="Languages served"
        hint="BCP-47 tags, the primary first, e.g. “en-US, es-MX”. Every other settings page is in the primary language."
        value={draft.served}
        onValueChange={(served) => edit((current) => ({ ...current, served }))}
      />
      <PathError path="primaryLanguage" />
      <PathCheckbox
        path="offerLanguageChoice"
        label="Offer a keypad language choice before answering (“Para español, oprima 2.”)"
        checked={draft.offerLanguageChoice}
        disabled={others.length === 0}
        onCheckedChange={(offerLanguageChoice) => edit((current) => ({ ...current, offerLanguageChoice }))}
      />
      {others.map((language) => {
        const translation = translationOf(draft, language);
        const path = `translations.${language}`;
        return (
          <Group key={language} legend={language}>
            <PathError path={path} />
            <PathTextarea
              path={`${path}.greeting`}
              label={`Greeting (${language})`}
              hint="Empty: the primary greeting, translated by the agent."
              value={translation.greeting}
              onValueChange={(greeting) => editTranslation(language, (current) => ({ ...current, greeting }))}
              rows={2}
            />
            <PathInput
              path={`${path}.aiDisclosure`}
              label={`AI disclosure (${language})`}
              hint="Empty: a plain default in this language."
              value={translation.aiDisclosure}
              onValueChange={(aiDisclosure) =>
                editTranslation(language, (current) => ({ ...current, aiDisclosure }))
              }
            />
            <div className="grid gap-3 sm:grid-cols-2">
              {services.map((service) => (
                <PathInput
                  key={service.id}
                  path={`${path}.services.${service.id}.name`}
                  label={`“${service.name}” in ${language}`}
                  value={translation.serviceNames[service.id] ?? ''}
                  onValueChange={(name) =>
                    editTranslation(language, (current) => ({
                      ...current,
                      serviceNames: { ...current.serviceNames, [service.id]: name },
                    }))
                  }
                />
              ))}
            </div>
          </Group>
        );
      })}
    </SettingsForm>
  );
}
