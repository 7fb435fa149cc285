import { BROWSER_AUDIO, type ConversationConfig, PHONE_AUDIO } from '@receptionist/engine';
import type { CallBusiness } from '../business-directory.ts';

/** The engine's view of a call: instructions, tools and facts from the business, audio from the channel. */
export function conversationConfigFor(
  business: CallBusiness,
  call: { callId: string; channel: 'phone' | 'browser'; callerNumber?: string | undefined },
): ConversationConfig {
  return {
    callId: call.callId,
    businessId: business.businessId,
    callerNumber: call.callerNumber,
    instructions: business.instructions,
    greeting: business.greeting,
    voice: business.voice,
    language: business.language,
    languages: business.languages,
    commitments: business.commitments,
    audioFormat: call.channel === 'phone' ? PHONE_AUDIO : BROWSER_AUDIO,
    tools: business.tools,
    business: business.brief,
    now: business.now,
    purpose: business.purpose,
  };
}
