/** Machine-readable reasons the telephony layer refuses input or closes a connection. */
export type TelephonyErrorCode =
  | 'invalid_base64'
  | 'invalid_message'
  | 'invalid_json'
  | 'invalid_token'
  | 'token_expired'
  | 'wrong_codec'
  | 'wrong_call'
  | 'wrong_account'
  | 'start_timeout'
  | 'idle_timeout'
  | 'rate_limited'
  | 'frame_too_large'
  | 'protocol_error';

/** The telephony layer's error hierarchy: a machine-readable code, the class name and the cause kept. */
export class TelephonyError extends Error {
  readonly code: TelephonyErrorCode;

  constructor(code: TelephonyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** A wire message that does not follow the protocol (bad JSON, bad base64, unexpected shape). */
export class ProtocolViolationError extends TelephonyError {
  /**
   * What a `ws` socket 'error' event means for our peer: ws reports protocol errors there and then closes
   * the socket itself (an oversized frame gets 1009).
   */
  static fromSocketError(error: Error & { code?: string }): ProtocolViolationError {
    const code = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'frame_too_large' : 'protocol_error';
    return new ProtocolViolationError(code, error.message, { cause: error });
  }
}

/** A stream token or browser ticket that is forged, malformed or expired. */
export class TokenError extends TelephonyError {}
