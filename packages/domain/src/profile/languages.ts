import type { BusinessProfile } from './schema.ts';

/** The language of the profile's own content: `primaryLanguage`, else the first served language. */
export function primaryLanguageOf(profile: Pick<BusinessProfile, 'primaryLanguage' | 'languages'>): string {
  return profile.primaryLanguage ?? profile.languages[0] ?? 'en-US';
}

/** Served languages, the primary first. */
export function servedLanguages(profile: Pick<BusinessProfile, 'primaryLanguage' | 'languages'>): string[] {
  const primary = primaryLanguageOf(profile);
  return [primary, ...profile.languages.filter((language) => language !== primary)];
}

/** `es-MX` → `es`. */
export function baseLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag.toLowerCase();
}

/**
 * The served language closest to `wanted`: the same tag, else the same base language (`es` → `es-MX`),
 * else undefined. Callers' choices and detected languages go through this, never straight into the call.
 */
export function matchServedLanguage(
  profile: Pick<BusinessProfile, 'primaryLanguage' | 'languages'>,
  wanted: string | undefined,
): string | undefined {
  if (wanted === undefined || wanted.trim() === '') return undefined;
  const served = servedLanguages(profile);
  const exact = served.find((language) => language.toLowerCase() === wanted.toLowerCase());
  return exact ?? served.find((language) => baseLanguage(language) === baseLanguage(wanted));
}

/** The language's own name in that language ("español", "français"), for menus and instructions. */
export function languageName(tag: string, inLanguage: string = tag): string {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(baseLanguage(tag));
    return name ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The profile as a caller of `language` should hear it: greeting, disclosure, description, service names
 * and FAQ from that language's translation where given, the primary language's content where not (the
 * agent may translate it while it talks). The primary language, or one not served, gets the profile as is.
 */
export function localizeProfile(profile: BusinessProfile, language: string): BusinessProfile {
  const served = matchServedLanguage(profile, language);
  if (served === undefined || served === primaryLanguageOf(profile)) return profile;
  const content = profile.translations[served];
  if (content === undefined) return profile;
  return {
    ...profile,
    greeting: content.greeting ?? profile.greeting,
    aiDisclosure: content.aiDisclosure ?? profile.aiDisclosure,
    description: content.description ?? profile.description,
    services: profile.services.map((service) => {
      const own = content.services[service.id];
      return {
        ...service,
        name: own?.name ?? service.name,
        description: own?.description ?? service.description,
      };
    }),
    faq: content.faq ?? profile.faq,
  };
}

/** Which parts of the profile have no translation in `language` (the agent translates them at run time). */
export function missingTranslations(profile: BusinessProfile, language: string): string[] {
  const served = matchServedLanguage(profile, language);
  if (served === undefined || served === primaryLanguageOf(profile)) return [];
  const content = profile.translations[served];
  const missing: string[] = [];
  if (content?.greeting === undefined) missing.push('greeting');
  if (content?.aiDisclosure === undefined && profile.aiDisclosure !== undefined) missing.push('aiDisclosure');
  if (content?.faq === undefined && profile.faq.length > 0) missing.push('faq');
  for (const service of profile.services)
    if (content?.services[service.id]?.name === undefined) missing.push(`services.${service.id}`);
  return missing;
}
