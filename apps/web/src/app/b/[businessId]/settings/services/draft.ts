import type { BusinessProfile } from '@receptionist/domain';
import {
  centsFrom,
  numberFrom,
  optionalText,
  withIds,
} from '../../../../../components/settings/form-values.ts';

export interface ServiceDraft {
  /** '' until saved; then the id bookings refer to, kept however the name changes. */
  id: string;
  name: string;
  description: string;
  durationMinutes: string;
  price: string;
  bufferMinutes: string;
}

export interface ServicesDraft {
  services: ServiceDraft[];
  /** Stored translations, sent back without the names of services removed here (the schema refuses those). */
  translations: BusinessProfile['translations'];
}

export function servicesDraft(profile: BusinessProfile): ServicesDraft {
  return {
    services: profile.services.map((service) => ({
      id: service.id,
      name: service.name,
      description: service.description ?? '',
      durationMinutes: String(service.durationMinutes),
      price: service.priceCents === undefined ? '' : (service.priceCents / 100).toFixed(2),
      bufferMinutes: String(service.bufferMinutes),
    })),
    translations: profile.translations,
  };
}

export function newService(): ServiceDraft {
  return { id: '', name: '', description: '', durationMinutes: '30', price: '', bufferMinutes: '0' };
}

export function servicesPatch(draft: ServicesDraft): Record<string, unknown> {
  const services = withIds(draft.services, 'service').map((service) => ({
    id: service.id,
    name: service.name.trim(),
    description: optionalText(service.description),
    durationMinutes: numberFrom(service.durationMinutes),
    priceCents: centsFrom(service.price),
    bufferMinutes: numberFrom(service.bufferMinutes),
  }));
  const ids = new Set(services.map((service) => service.id));
  const translations = Object.fromEntries(
    Object.entries(draft.translations).map(([language, content]) => [
      language,
      {
        ...content,
        services: Object.fromEntries(Object.entries(content.services).filter(([id]) => ids.has(id))),
      },
    ]),
  );
  return { services, translations };
}
