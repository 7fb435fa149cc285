/**
 * Reads the handful of TwiML verbs a Twilio stand-in needs to follow a voice webhook answer. Not a general XML
 * parser: enough for the documents the twilio library emits (attributes in double quotes, entities escaped).
 */
export interface ParsedTwiml {
  says: string[];
  stream?: { url: string; parameters: Record<string, string> } | undefined;
  /** Verbs after `</Connect>` (or the whole document without a stream), in order. */
  fallbackVerbs: string[];
  dialNumbers: string[];
  hasHangup: boolean;
  hasRecord: boolean;
  /** Each `<Say>`'s language and voice attributes, in order (absent attributes are undefined). */
  sayVoices: Array<{ language?: string | undefined; voice?: string | undefined }>;
  /** A keypad menu: where Twilio posts the digits. */
  gather?: { action: string; numDigits?: number | undefined } | undefined;
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

export function readTwiml(xml: string): ParsedTwiml {
  const says = [...xml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((match) => unescapeXml(match[1] ?? ''));
  const dialNumbers = [...xml.matchAll(/<Dial[^>]*>([^<]*)<\/Dial>/g)].map((match) =>
    unescapeXml(match[1] ?? ''),
  );
  const streamTag = /<Stream\b[^>]*>/.exec(xml)?.[0];
  let stream: ParsedTwiml['stream'];
  if (streamTag) {
    const parameters: Record<string, string> = {};
    for (const match of xml.matchAll(/<Parameter\b[^>]*\/?>/g)) {
      const name = attribute(match[0], 'name');
      const value = attribute(match[0], 'value');
      if (name !== undefined && value !== undefined) parameters[name] = value;
    }
    stream = { url: attribute(streamTag, 'url') ?? '', parameters };
  }
  const afterConnect = xml.includes('</Connect>') ? xml.slice(xml.indexOf('</Connect>')) : xml;
  const fallbackVerbs = [...afterConnect.matchAll(/<(Say|Dial|Record|Hangup|Redirect|Play|Pause)\b/g)].map(
    (match) => match[1] ?? '',
  );
  const sayVoices = [...xml.matchAll(/<Say\b[^>]*>/g)].map((match) => ({
    language: attribute(match[0], 'language'),
    voice: attribute(match[0], 'voice'),
  }));
  const gatherTag = /<Gather\b[^>]*>/.exec(xml)?.[0];
  const gatherAction = gatherTag ? attribute(gatherTag, 'action') : undefined;
  const numDigits = gatherTag ? attribute(gatherTag, 'numDigits') : undefined;
  return {
    says,
    sayVoices,
    ...(gatherAction === undefined
      ? {}
      : { gather: { action: gatherAction, numDigits: numDigits ? Number(numDigits) : undefined } }),
    stream,
    fallbackVerbs,
    dialNumbers,
    hasHangup: /<Hangup\s*\/>/.test(xml),
    hasRecord: /<Record\b/.test(xml),
  };
}
