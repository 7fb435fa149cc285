/** Sign-in and session failures, each with a machine-readable `code` the routes map to a response. */
export type AuthErrorCode =
  | 'oidc_not_configured'
  | 'oidc_discovery_failed'
  | 'oidc_state_mismatch'
  | 'oidc_exchange_failed'
  | 'oidc_claims_invalid'
  | 'email_not_verified'
  | 'invalid_credentials'
  | 'email_taken'
  | 'weak_password';

export class AuthError extends Error {
  readonly code: AuthErrorCode;
  constructor(code: AuthErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AuthError';
    this.code = code;
  }
}
