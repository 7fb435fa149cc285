/** Machine-readable reasons a business verb did not happen. Tools pass them on as `code`. */
export type DomainErrorCode =
  | 'invalid_input'
  | 'invalid_profile'
  | 'business_not_found'
  | 'unknown_service'
  | 'invalid_date'
  | 'in_past'
  | 'too_soon'
  | 'too_far_ahead'
  | 'closed'
  | 'outside_hours'
  | 'slot_taken'
  | 'invalid_phone'
  | 'phone_required'
  | 'appointment_not_found'
  | 'verification_failed'
  | 'ambiguous_appointment'
  | 'unknown_destination'
  | 'no_answer'
  | 'call_not_found'
  | 'call_not_ended'
  | 'message_not_found'
  | 'voicemail_not_found'
  | 'api_key_not_found'
  | 'phone_number_taken'
  | 'phone_number_not_found'
  | 'phone_number_not_owned'
  | 'twilio_credentials_missing'
  | 'twilio_auth_failed'
  | 'twilio_unreachable'
  | 'twilio_number_unavailable'
  | 'twilio_number_invalid'
  | 'twilio_rate_limited'
  | 'twilio_not_found'
  | 'twilio_refused'
  | 'twilio_account_inactive'
  | 'twilio_webhooks_unavailable'
  | 'destination_refused'
  | 'verification_limited'
  | 'verification_required'
  | 'user_not_found'
  | 'email_taken'
  | 'weak_password'
  | 'invalid_credentials'
  | 'webhook_url_refused'
  | 'webhook_endpoint_not_found'
  | 'webhook_delivery_not_found'
  | 'webhook_delivery_pending'
  | 'webhook_endpoint_disabled'
  | 'link_invalid'
  | 'email_not_verified'
  | 'invite_wrong_account'
  | 'do_not_contact'
  | 'no_business_number'
  | 'appointment_not_upcoming'
  | 'outbound_call_not_found'
  | 'calendar_tokens_unreadable'
  | 'calendar_connection_not_found'
  | 'calendar_not_found'
  | 'calendar_feed_not_found'
  | 'calendar_authorization_invalid'
  | 'cancellation_window_passed'
  | 'member_not_found'
  | 'last_owner';

/**
 * The domain layer's error hierarchy. `message` is a sentence the agent can say to the caller
 * (no ids, no internals); `details` carries structured data for the model and the call log.
 */
/**
 * Marks domain errors without relying on the class name (`next build` minifies it) or on module identity
 * (a bundler may load two copies): `Symbol.for` is one symbol per process.
 */
const DOMAIN_ERROR_BRAND = Symbol.for('receptionist.DomainError');

export class DomainError extends Error {
  readonly [DOMAIN_ERROR_BRAND] = true;
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    // A literal, not new.target.name: minified builds rename classes, and logs should still say what this is.
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
  }
}

/** True for any DomainError, whichever copy of this module created it; never decided by the class name. */
export function isDomainError(error: unknown): error is DomainError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[DOMAIN_ERROR_BRAND] === true &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/** The business profile JSON did not validate (bad config, never a caller's fault). */
export class InvalidProfileError extends DomainError {
  constructor(message: string, cause?: unknown) {
    super('invalid_profile', message, { cause });
  }
}
