/**
 * The two halves of Twilio's voice webhook a simulated caller needs: signing the request exactly as Twilio
 * does (HMAC-SHA1 over the full URL followed by every POST parameter, sorted by name, as name+value,
 * base64; https://www.twilio.com/docs/usage/security#validating-requests) and reading the
 * `<Connect><Stream>` answer the voice server returns.
 */
import { createHmac } from 'node:crypto';
import { CallerError } from './errors.ts';

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + (params[key] ?? ''), url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

export interface TwimlStream {
  /** The WebSocket URL Twilio would open (as the server wrote it, on its public origin). */
  url: string;
  /** `<Parameter name value>` children, sent back in the `start` message's customParameters. */
  parameters: Record<string, string>;
}

function decodeXmlEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  const value = match?.[2] ?? match?.[3];
  return value === undefined ? undefined : decodeXmlEntities(value);
}

/** The `<Connect><Stream>` of a TwiML document, or a CallerError naming what the server answered instead. */
export function parseStreamTwiml(twiml: string): TwimlStream {
  const streamBlock = /<Connect\b[^>]*>\s*(<Stream\b[^>]*?(?:\/>|>[\s\S]*?<\/Stream>))/i.exec(twiml)?.[1];
  if (!streamBlock) {
    throw new CallerError(
      'twiml_without_stream',
      `the voice webhook answered without <Connect><Stream>: ${twiml}`,
    );
  }
  const openTag = /<Stream\b[^>]*>/i.exec(streamBlock)?.[0] ?? '';
  const url = attribute(openTag, 'url');
  if (!url) throw new CallerError('twiml_without_stream', `<Stream> has no url: ${openTag}`);
  const parameters: Record<string, string> = {};
  for (const match of streamBlock.matchAll(/<Parameter\b[^>]*>/gi)) {
    const name = attribute(match[0], 'name');
    const value = attribute(match[0], 'value');
    if (name !== undefined) parameters[name] = value ?? '';
  }
  return { url, parameters };
}

/**
 * Twilio dials the public URL; a simulator running next to the server dials the server directly. Keeps the
 * path (the per-call token lives there) and moves it onto the server's origin.
 */
export function streamUrlOnServer(streamUrl: string, serverUrl: string): string {
  const stream = new URL(streamUrl);
  const server = new URL(serverUrl);
  const protocol = server.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${server.host}${stream.pathname}${stream.search}`;
}
