import { DomainError } from '../errors.ts';

/**
 * Twilio's refusals as DomainErrors with a sentence an owner can act on. Twilio answers errors as
 * `{code, message, more_info, status}`; the adapter carries `status` and `code` (as `twilioCode`).
 * Codes: https://www.twilio.com/docs/api/errors.
 */
const AUTH_FAILED = new Set([20003, 20005]);
/** 21422 "not available", 21452 "no numbers found"/"not available for purchase". */
const NUMBER_UNAVAILABLE = new Set([21422, 21452]);
const NUMBER_INVALID = 21421;
const RATE_LIMITED = 20429;
const NOT_FOUND = 20404;

export function twilioDomainError(error: unknown): DomainError {
  const { status, twilioCode, message } = error as {
    status?: unknown;
    twilioCode?: unknown;
    message?: unknown;
  };
  const http = typeof status === 'number' ? status : undefined;
  const code = typeof twilioCode === 'number' ? twilioCode : undefined;
  const details = { twilioStatus: http, twilioCode: code };
  const options = { cause: error, details };
  if ((code !== undefined && AUTH_FAILED.has(code)) || http === 401) {
    return new DomainError(
      'twilio_auth_failed',
      'Twilio refused the credentials; check the account SID and the auth token or API key secret',
      options,
    );
  }
  if (code !== undefined && NUMBER_UNAVAILABLE.has(code)) {
    return new DomainError(
      'twilio_number_unavailable',
      'That number is no longer available; search again and pick another',
      options,
    );
  }
  if (code === NUMBER_INVALID) {
    return new DomainError('twilio_number_invalid', 'Twilio says that phone number is not valid', options);
  }
  if (code === RATE_LIMITED || http === 429) {
    return new DomainError(
      'twilio_rate_limited',
      'Twilio is limiting requests; wait a minute and try again',
      options,
    );
  }
  if (http === undefined || http >= 500) {
    return new DomainError(
      'twilio_unreachable',
      'Twilio could not be reached; try again in a moment',
      options,
    );
  }
  if (code === NOT_FOUND || http === 404) {
    return new DomainError('twilio_not_found', 'Twilio does not know that account or number', options);
  }
  if (http === 403) {
    return new DomainError(
      'twilio_auth_failed',
      'These Twilio credentials may not do that; use the account auth token or a standard API key',
      options,
    );
  }
  return new DomainError(
    'twilio_refused',
    `Twilio refused: ${typeof message === 'string' ? message.replace(/^Twilio refused to [^:]*: /, '') : `HTTP ${http}`}`,
    options,
  );
}

/** Runs one Twilio request through the port, turning its failure into a DomainError. */
export async function askTwilio<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw twilioDomainError(error);
  }
}
