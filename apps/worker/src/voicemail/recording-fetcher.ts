import { PermanentJobError } from '../errors.ts';

/** Downloads one recording's audio from the carrier. */
export type RecordingFetcher = (recordingSid: string, signal: AbortSignal) => Promise<Uint8Array>;

const RECORDING_SID = /^RE[0-9a-fA-F]{32}$/;

/**
 * Twilio's recording media (`GET /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.wav`) with the account's
 * Basic-auth credentials. The URL is built from our configured origin and the SID, never taken from the
 * callback's `RecordingUrl`, so a callback cannot make us send credentials elsewhere.
 */
export function createTwilioRecordingFetcher(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}): RecordingFetcher {
  const request = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return async (recordingSid, signal) => {
    if (!RECORDING_SID.test(recordingSid)) {
      throw new PermanentJobError(`not a Twilio recording SID: ${recordingSid}`);
    }
    const url = `${options.apiBaseUrl}/2010-04-01/Accounts/${options.accountSid}/Recordings/${recordingSid}.wav`;
    const response = await request(url, {
      headers: { authorization, accept: 'audio/x-wav, audio/wav' },
      redirect: 'follow',
      signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)]),
    });
    if (response.status === 401 || response.status === 403) {
      // Wrong credentials stay wrong on every retry: dead-letter and let the operator fix the config.
      throw new PermanentJobError(`Twilio refused the recording credentials (HTTP ${response.status})`);
    }
    if (!response.ok) {
      // 404 right after the callback, or a 5xx: Twilio may still be processing; the worker retries.
      throw new Error(`Twilio recording ${recordingSid} answered HTTP ${response.status}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (Buffer.from(bytes.subarray(0, 4)).toString('latin1') !== 'RIFF') {
      throw new Error(`Twilio recording ${recordingSid} is not a WAV file`);
    }
    return bytes;
  };
}
