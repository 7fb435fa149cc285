import type { TenantDb } from '@receptionist/db';
import { DateTime } from 'luxon';
import type { BusinessProfile } from '../profile/schema.ts';
import { calleeZones } from './callee-zone.ts';
import { nextAllowedAt } from './quiet-hours.ts';

/**
 * Whether the business may contact this number at all: not on its do-not-contact list and not opted out
 * of its texts (a person who texted STOP to a reminder is not called about it either).
 */
export async function contactRefusal(tenant: TenantDb, phone: string): Promise<string | undefined> {
  if (await tenant.outbound.isDoNotContact(phone)) return 'do_not_contact';
  if (await tenant.notifications.isOptedOut(phone)) return 'opted_out';
  return undefined;
}

/** When a call or text to `phone` may go out, at or after `nowMs`, by the callee's quiet hours. */
export async function allowedSendTime(
  tenant: TenantDb,
  profile: BusinessProfile,
  phone: string,
  nowMs: number,
): Promise<number | undefined> {
  const customer = await tenant.customers.findByPhone(phone);
  const zones = calleeZones({ phone, customerZone: customer?.timeZone, businessZone: profile.timeZone });
  return nextAllowedAt(nowMs, zones, profile.outbound.quietHours);
}

/** Start of the business's local day containing `nowMs` (the daily cap counts from here). */
export function localDayStart(profile: BusinessProfile, nowMs: number): number {
  return DateTime.fromMillis(nowMs, { zone: profile.timeZone }).startOf('day').toMillis();
}

/** Start of the next local day of the business. */
export function nextLocalDay(profile: BusinessProfile, nowMs: number): number {
  return DateTime.fromMillis(nowMs, { zone: profile.timeZone }).startOf('day').plus({ days: 1 }).toMillis();
}

/** The business's caller ID: its first number. Outbound calls and texts never show any other. */
export async function businessCallerId(tenant: TenantDb): Promise<string | undefined> {
  const numbers = await tenant.phoneNumbers.list();
  return numbers[0]?.e164;
}
