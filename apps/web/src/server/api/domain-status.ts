import type { DomainErrorCode } from '@receptionist/domain';

/** The statuses a domain refusal can have. */
export type DomainErrorStatus = 400 | 404 | 409 | 422 | 429 | 503;

/**
 * The HTTP status of every expected domain refusal, decided by its machine-readable code (never by the class
 * name, which `next build` minifies): not found → 404, a taken slot → 409, too many attempts → 429 (try again
 * later, the same request), Twilio unreachable or limiting us → 503 (a passing failure of ours, not the
 * client's), every other refusal → 422. A `Record` over the union: adding a code without a status fails
 * typecheck.
 */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, DomainErrorStatus> = {
  invalid_input: 422,
  invalid_profile: 422,
  business_not_found: 404,
  unknown_service: 422,
  invalid_date: 422,
  in_past: 422,
  too_soon: 422,
  too_far_ahead: 422,
  closed: 422,
  outside_hours: 422,
  slot_taken: 409,
  cancellation_window_passed: 409,
  member_not_found: 404,
  last_owner: 409,
  invalid_phone: 422,
  phone_required: 422,
  appointment_not_found: 404,
  verification_failed: 422,
  ambiguous_appointment: 422,
  unknown_destination: 422,
  no_answer: 422,
  call_not_found: 404,
  message_not_found: 404,
  voicemail_not_found: 404,
  api_key_not_found: 404,
  phone_number_taken: 422,
  phone_number_not_found: 404,
  user_not_found: 404,
  email_taken: 422,
  weak_password: 422,
  invalid_credentials: 422,
  webhook_url_refused: 422,
  webhook_endpoint_not_found: 404,
  webhook_delivery_not_found: 404,
  webhook_delivery_pending: 422,
  webhook_endpoint_disabled: 422,
  link_invalid: 422,
  email_not_verified: 422,
  invite_wrong_account: 422,
  call_not_ended: 409,
  phone_number_not_owned: 422,
  twilio_credentials_missing: 422,
  twilio_auth_failed: 422,
  twilio_unreachable: 503,
  twilio_number_unavailable: 409,
  twilio_number_invalid: 422,
  twilio_rate_limited: 503,
  twilio_not_found: 404,
  twilio_refused: 422,
  twilio_account_inactive: 422,
  twilio_webhooks_unavailable: 422,
  destination_refused: 422,
  verification_limited: 429,
  verification_required: 422,
  do_not_contact: 422,
  no_business_number: 422,
  appointment_not_upcoming: 422,
  outbound_call_not_found: 404,
  calendar_tokens_unreadable: 422,
  calendar_connection_not_found: 404,
  calendar_not_found: 404,
  calendar_feed_not_found: 404,
  calendar_authorization_invalid: 422,
};

/** The API error code clients branch on, for a status; the domain's own code travels as `details.reason`. */
export function apiCodeForStatus(
  status: DomainErrorStatus,
): 'invalid_request' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited' | 'unavailable' {
  if (status === 400) return 'invalid_request';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return 'unprocessable';
}

/** A code this build does not know (a newer domain, a mistake) is still a refusal, not a crash. */
export function statusForDomainCode(code: string): DomainErrorStatus {
  return (DOMAIN_ERROR_STATUS as Record<string, DomainErrorStatus | undefined>)[code] ?? 422;
}
