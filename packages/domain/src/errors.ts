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
  | 'message_not_found'
  | 'voicemail_not_found'
  | 'api_key_not_found'
  | 'phone_number_taken'
  | 'phone_number_not_found'
  | 'user_not_found'
  | 'email_taken'
  | 'weak_password'
  | 'invalid_credentials'
  | 'webhook_url_refused'
  | 'webhook_endpoint_not_found'
  | 'webhook_delivery_not_found'
  | 'webhook_delivery_pending'
  | 'webhook_endpoint_disabled'
  | 'calendar_tokens_unreadable'
  | 'calendar_connection_not_found'
  | 'calendar_not_found'
  | 'calendar_feed_not_found'
  | 'calendar_authorization_invalid';

/**
 * The domain layer's error hierarchy. `message` is a sentence the agent can say to the caller
 * (no ids, no internals); `details` carries structured data for the model and the call log.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

/** The business profile JSON did not validate (bad config, never a caller's fault). */
export class InvalidProfileError extends DomainError {
  constructor(message: string, cause?: unknown) {
    super('invalid_profile', message, { cause });
  }
}
