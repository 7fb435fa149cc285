import { describe, expect, it } from 'vitest';
import { startOpenAITestCall } from './test-kit.ts';

describe('OpenAI engine: a staff note whispered during the call', () => {
  it('becomes a system item in the conversation, without asking for a reply that would read it out', async () => {
    const { peers, conversation, recorder } = await startOpenAITestCall({
      realtime: {
        respond: () => ({ kind: 'audio', transcript: 'Hello, Test Dental.', audio: new Uint8Array(800) }),
      },
    });
    const server = await peers.realtime.connection(0);
    await recorder.finalTranscript('agent', 'Hello, Test Dental.');
    const responsesBefore = server.received.filter((event) => event.type === 'response.create').length;

    conversation.whisper?.('Offer her the 3 pm slot on Thursday.');

    const created = await server.waitForEvent(
      (event) => event.type === 'conversation.item.create' && JSON.stringify(event).includes('3 pm slot'),
    );
    const item = created.item as { role: string; content: Array<{ type: string; text: string }> };
    expect(item.role).toBe('system');
    expect(item.content[0]?.type).toBe('input_text');
    expect(item.content[0]?.text).toMatch(/do not read it out/);
    // The model hears the note with the caller's next turn; nothing is spoken because of it now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.received.filter((event) => event.type === 'response.create')).toHaveLength(responsesBefore);
    await conversation.close('caller_hangup');
  });
});
