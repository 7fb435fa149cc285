/** REST API failures: an HTTP status and a machine-readable `code` clients can branch on. */
export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden_origin'
  | 'not_found'
  | 'invalid_request'
  | 'conflict'
  | 'unprocessable'
  | 'payload_too_large'
  | 'rate_limited'
  /** A service we depend on (Twilio) is unreachable or limiting us: try again later. */
  | 'unavailable'
  | 'internal';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;
  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: { cause?: unknown; details?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = options.details;
  }
}
