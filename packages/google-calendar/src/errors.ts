/**
 * Why a Google Calendar call failed, as the sync and booking code must react to it:
 * - `reconnect`: the refresh token was revoked or expired (`invalid_grant`); only the owner can fix it.
 * - `sync_token_gone`: 410 on `events.list` with a sync token; a full resync is required.
 * - `rate_limited`: 403 `rateLimitExceeded` / `userRateLimitExceeded` or 429, still so after our retries.
 * - `not_found` / `gone`: the event (or calendar) does not exist (any more).
 * - `conflict`: 409, e.g. an event id that already exists.
 * - `failed`: anything else (5xx, network).
 */
export type GoogleCalendarErrorKind =
  | 'reconnect'
  | 'sync_token_gone'
  | 'rate_limited'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'failed';

export class GoogleCalendarError extends Error {
  override readonly name = 'GoogleCalendarError';
  constructor(
    readonly kind: GoogleCalendarErrorKind,
    message: string,
    readonly status?: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface GaxiosLikeError {
  status?: number;
  response?: { status?: number; data?: unknown };
  message?: string;
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/** Maps an error thrown by the Google client libraries to one of our kinds. */
export function toGoogleCalendarError(
  error: unknown,
  context: { syncing?: boolean } = {},
): GoogleCalendarError {
  if (error instanceof GoogleCalendarError) return error;
  const gaxios = (typeof error === 'object' && error !== null ? error : {}) as GaxiosLikeError;
  const status = gaxios.response?.status ?? gaxios.status;
  const data = gaxios.response?.data as
    | { error?: string | { errors?: Array<{ reason?: string }>; message?: string } }
    | undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (data !== undefined && typeof data.error === 'string' && data.error === 'invalid_grant') {
    return new GoogleCalendarError('reconnect', 'Google refused the refresh token (invalid_grant)', status, {
      cause: error,
    });
  }
  if (/invalid_grant/.test(message)) {
    return new GoogleCalendarError('reconnect', 'Google refused the refresh token (invalid_grant)', status, {
      cause: error,
    });
  }
  const reasons =
    typeof data?.error === 'object' ? (data.error.errors ?? []).map((entry) => entry.reason ?? '') : [];
  if (status === 429 || (status === 403 && reasons.some((reason) => RATE_LIMIT_REASONS.has(reason)))) {
    return new GoogleCalendarError('rate_limited', 'Google Calendar rate limit exceeded', status, {
      cause: error,
    });
  }
  if (status === 410) {
    return new GoogleCalendarError(
      context.syncing ? 'sync_token_gone' : 'gone',
      context.syncing ? 'the sync token is no longer valid' : 'the resource was deleted',
      status,
      { cause: error },
    );
  }
  if (status === 404) return new GoogleCalendarError('not_found', 'not found', status, { cause: error });
  if (status === 409) return new GoogleCalendarError('conflict', 'already exists', status, { cause: error });
  if (status === 401) {
    // The library already refreshed once and retried; still unauthenticated means the grant is gone.
    return new GoogleCalendarError('reconnect', 'Google no longer accepts our credentials', status, {
      cause: error,
    });
  }
  return new GoogleCalendarError('failed', `Google Calendar request failed: ${message}`, status, {
    cause: error,
  });
}
