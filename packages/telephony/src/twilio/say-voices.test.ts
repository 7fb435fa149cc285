import { describe, expect, it } from 'vitest';
import { readTwiml } from '../testing/twiml-reader.ts';
import { sayVoiceFor } from './say-voices.ts';
import { buildLanguageMenuTwiml, buildStreamTwiml } from './twiml.ts';

describe('<Say> voices per language', () => {
  it.each([
    [undefined, 'en-US', 'Polly.Joanna'],
    ['en-US', 'en-US', 'Polly.Joanna'],
    ['es-ES', 'es-ES', 'Polly.Lucia'],
    ['es-MX', 'es-MX', 'Polly.Mia'],
    ['es', 'es-US', 'Polly.Lupe'],
    ['fr-CA', 'fr-CA', 'Polly.Chantal'],
    ['fr', 'fr-FR', 'Polly.Lea'],
    ['ko-KR', 'ko-KR', 'Google.ko-KR-Standard-A'],
  ])('%s speaks as %s with %s', (language, tag, voice) => {
    expect(sayVoiceFor(language)).toEqual({ language: tag, voice });
  });

  it('says the disclosure in the call language and keeps the fallback in the default voice', () => {
    const twiml = readTwiml(
      buildStreamTwiml({
        disclosure: 'Soy un asistente de inteligencia artificial.',
        say: sayVoiceFor('es-MX'),
        streamUrl: 'wss://voice.example.test/twilio/stream/token',
        parameters: { callId: 'call_1', language: 'es-MX' },
        fallback: { kind: 'dial', phoneNumber: '+15005550100', say: 'Please hold while we connect you.' },
      }),
    );
    expect(twiml.sayVoices).toEqual([
      { language: 'es-MX', voice: 'Polly.Mia' },
      { language: undefined, voice: 'Polly.Joanna' },
    ]);
    expect(twiml.stream?.parameters).toEqual({ callId: 'call_1', language: 'es-MX' });
  });

  it('builds a one-digit keypad menu that posts even when nothing is keyed', () => {
    const xml = buildLanguageMenuTwiml({
      prompts: [
        { text: 'For English, press 1.', say: sayVoiceFor('en-US') },
        { text: 'Para español, oprima 2.', say: sayVoiceFor('es-MX') },
      ],
      actionUrl: 'https://voice.example.test/twilio/voice/language',
    });
    expect(xml).toContain('numDigits="1"');
    expect(xml).toContain('actionOnEmptyResult="true"');
    const twiml = readTwiml(xml);
    expect(twiml.gather).toEqual({
      action: 'https://voice.example.test/twilio/voice/language',
      numDigits: 1,
    });
    expect(twiml.says).toEqual(['For English, press 1.', 'Para español, oprima 2.']);
    expect(twiml.stream).toBeUndefined();
  });
});
