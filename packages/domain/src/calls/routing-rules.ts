import { isDialableDestination } from '../phone-numbers/destination-policy.ts';
import type { BusinessProfile } from '../profile/schema.ts';

/** A person a call can be handed to (allow-listed in the business profile, never model-supplied). */
export interface HumanLine {
  name: string;
  phoneNumber: string;
}

/**
 * Where DTMF 0, "talk to a person" and Twilio's fallback go: the fallback number (named after the transfer
 * destination with that number, if any), else the first transfer destination, else nobody.
 */
export function humanLineOf(profile: BusinessProfile): HumanLine | undefined {
  // Stored numbers may predate the destination policy: one it refuses is never dialled.
  const [first] = profile.transferDestinations.filter((destination) =>
    isDialableDestination(profile, destination.phoneNumber),
  );
  if (profile.fallbackNumber && isDialableDestination(profile, profile.fallbackNumber)) {
    const named = profile.transferDestinations.find(
      (destination) => destination.phoneNumber === profile.fallbackNumber,
    );
    return { name: named?.name ?? 'our team', phoneNumber: profile.fallbackNumber };
  }
  return first ? { name: first.name, phoneNumber: first.phoneNumber } : undefined;
}

/** What happens to calls outside opening hours, with the transfer destination resolved. */
export interface AfterHoursRule {
  behaviour: 'take_message' | 'voicemail' | 'transfer';
  transferTo?: HumanLine | undefined;
}

export function afterHoursRuleOf(profile: BusinessProfile): AfterHoursRule {
  const target = profile.transferDestinations.find(
    (destination) => destination.id === profile.afterHours.transferDestinationId,
  );
  const dialable = target !== undefined && isDialableDestination(profile, target.phoneNumber);
  return {
    behaviour: profile.afterHours.behaviour,
    transferTo: target && dialable ? { name: target.name, phoneNumber: target.phoneNumber } : undefined,
  };
}

/** How a call that rings while the business is closed is answered, before any engine is involved. */
export type AfterHoursHandling =
  | { kind: 'answer' }
  | { kind: 'dial'; phoneNumber: string }
  | { kind: 'voicemail' };

/**
 * Open, or closed with "take a message": the receptionist answers. Closed with "transfer": dial the
 * after-hours destination (or the human line); with nobody to dial, or "voicemail": take a voicemail.
 */
export function afterHoursHandling(input: {
  openNow: boolean;
  afterHours: AfterHoursRule;
  humanLine?: HumanLine | undefined;
}): AfterHoursHandling {
  if (input.openNow || input.afterHours.behaviour === 'take_message') return { kind: 'answer' };
  const target = input.afterHours.transferTo ?? input.humanLine;
  if (input.afterHours.behaviour === 'transfer' && target)
    return { kind: 'dial', phoneNumber: target.phoneNumber };
  return { kind: 'voicemail' };
}
