/**
 * The settings form's view of a business's languages: which it serves (the first listed is the primary,
 * the language of the rest of the form), the keypad choice, and per other language the greeting, the AI
 * disclosure and the service names. Anything left empty falls back to the primary language's content.
 */
export interface TranslationDraft {
  language: string;
  greeting: string;
  aiDisclosure: string;
  /** By service id. */
  serviceNames: Record<string, string>;
}

export interface LanguagesDraft {
  /** BCP-47 tags, comma separated, primary first ("en-US, es-MX"). */
  served: string;
  offerLanguageChoice: boolean;
  translations: TranslationDraft[];
  /** Translated content the form does not edit (FAQ, description; set through the API), kept as stored. */
  kept: Record<string, { faq?: unknown; description?: string | undefined }>;
}

interface StoredLanguages {
  languages?: readonly string[] | undefined;
  primaryLanguage?: string | undefined;
  offerLanguageChoice?: boolean | undefined;
  translations?:
    | Record<
        string,
        {
          greeting?: string | undefined;
          aiDisclosure?: string | undefined;
          services?: Record<string, { name?: string | undefined }> | undefined;
          faq?: unknown;
          description?: string | undefined;
        }
      >
    | undefined;
}

export function defaultLanguagesDraft(): LanguagesDraft {
  return { served: 'en-US', offerLanguageChoice: false, translations: [], kept: {} };
}

/** The tags typed in the form, primary first, without blanks or repeats. */
export function servedTags(draft: LanguagesDraft): string[] {
  return [
    ...new Set(
      draft.served
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

export function languagesToDraft(profile: StoredLanguages): LanguagesDraft {
  const languages = [...(profile.languages ?? ['en-US'])];
  const primary = profile.primaryLanguage ?? languages[0] ?? 'en-US';
  const ordered = [primary, ...languages.filter((tag) => tag !== primary)];
  return {
    served: ordered.join(', '),
    offerLanguageChoice: profile.offerLanguageChoice ?? false,
    translations: ordered.slice(1).map((language) => {
      const stored = profile.translations?.[language];
      return {
        language,
        greeting: stored?.greeting ?? '',
        aiDisclosure: stored?.aiDisclosure ?? '',
        serviceNames: Object.fromEntries(
          Object.entries(stored?.services ?? {}).flatMap(([id, service]) =>
            service.name ? [[id, service.name]] : [],
          ),
        ),
      };
    }),
    kept: Object.fromEntries(
      Object.entries(profile.translations ?? {}).map(([language, content]) => [
        language,
        {
          ...(content.faq === undefined ? {} : { faq: content.faq }),
          ...(content.description === undefined ? {} : { description: content.description }),
        },
      ]),
    ),
  };
}

/**
 * Draft → the profile's language fields. Translation fields the form does not edit (FAQ, description,
 * set through the API) come back as they were; service names only for services that still exist.
 */
export function languagesDraftToInput(
  draft: LanguagesDraft,
  serviceIds: readonly string[],
): Record<string, unknown> {
  const served = servedTags(draft);
  const languages = served.length > 0 ? served : ['en-US'];
  const translations = Object.fromEntries(
    languages.slice(1).map((language) => {
      const edited = draft.translations.find((translation) => translation.language === language);
      const kept = draft.kept[language] ?? {};
      const names = Object.entries(edited?.serviceNames ?? {}).filter(
        ([id, name]) => serviceIds.includes(id) && name.trim() !== '',
      );
      return [
        language,
        {
          ...(kept.faq === undefined ? {} : { faq: kept.faq }),
          ...(kept.description === undefined ? {} : { description: kept.description }),
          ...(edited?.greeting.trim() ? { greeting: edited.greeting.trim() } : {}),
          ...(edited?.aiDisclosure.trim() ? { aiDisclosure: edited.aiDisclosure.trim() } : {}),
          services: Object.fromEntries(names.map(([id, name]) => [id, { name: name.trim() }])),
        },
      ];
    }),
  );
  return {
    languages,
    primaryLanguage: languages[0],
    offerLanguageChoice: draft.offerLanguageChoice && languages.length > 1,
    translations,
  };
}
