/**
 * A second demo business for the language scenarios: "Clínica Sonrisa", whose own content is Spanish
 * (primary es-MX), which also serves French (fr-CA) and English (en-US) callers and offers a keypad
 * language choice ("Para español, oprima 1. Pour le français, appuyez sur le 2."). Seeded next to the
 * English demo business by the scenario suites; scenarios reach it by its number.
 */
import { type Database, forBusiness } from '@receptionist/db';
import { type BusinessProfileInput, createBusinessWithProfile, DEMO_PROFILE } from '@receptionist/domain';

export const MULTILINGUAL_DEMO_NUMBER = '+15005550188';

export const MULTILINGUAL_DEMO_PROFILE: BusinessProfileInput = {
  ...DEMO_PROFILE,
  name: 'Clínica Sonrisa',
  description: 'Clínica dental familiar.',
  greeting: 'Gracias por llamar a Clínica Sonrisa. ¿En qué le puedo ayudar?',
  aiDisclosure: 'Soy la recepcionista virtual de Clínica Sonrisa.',
  services: [
    { id: 'cleaning', name: 'Limpieza', durationMinutes: 60, priceCents: 12_000, bufferMinutes: 0 },
    { id: 'checkup', name: 'Revisión', durationMinutes: 30, priceCents: 8_000, bufferMinutes: 0 },
  ],
  faq: [
    {
      question: '¿Aceptan seguro dental?',
      answer: 'Sí, aceptamos la mayoría de los seguros dentales.',
      keywords: ['seguro'],
    },
  ],
  closures: [],
  languages: ['es-MX', 'fr-CA', 'en-US'],
  primaryLanguage: 'es-MX',
  offerLanguageChoice: true,
  translations: {
    'fr-CA': {
      greeting: 'Merci d’avoir appelé la Clínica Sonrisa. Comment puis-je vous aider ?',
      services: { cleaning: { name: 'Nettoyage' }, checkup: { name: 'Examen' } },
    },
    // No English FAQ or disclosure: those fall back to the Spanish content (the agent translates it).
    'en-US': {
      greeting: 'Thank you for calling Clínica Sonrisa. How can I help you?',
      services: { cleaning: { name: 'Cleaning' } },
    },
  },
};

/** Creates the business and maps its number to it, unless a business already owns the number. */
export async function seedMultilingualDemoBusiness(db: Database): Promise<void> {
  const { business } = await createBusinessWithProfile(db, MULTILINGUAL_DEMO_PROFILE);
  await forBusiness(db, business.id).phoneNumbers.add(MULTILINGUAL_DEMO_NUMBER, 'Multilingual demo line');
}
