import { RealtimeAgent, tool } from '@openai/agents/realtime';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RealtimeAgentTools } from './agent-tools.ts';

const seen: unknown[] = [];
const agent = new RealtimeAgent({
  name: 'receptionist',
  instructions: 'Be kind.',
  tools: [
    tool({
      name: 'echo',
      description: 'Says it back.',
      parameters: z.object({ text: z.string() }),
      execute: (input, _context, details) => {
        seen.push(details?.toolCall?.callId);
        return `said ${input.text}`;
      },
    }),
  ],
});

describe('RealtimeAgentTools', () => {
  it('describes the agent for session.update and runs its tools by call, never throwing', async () => {
    const tools = new RealtimeAgentTools(agent, pino({ enabled: false }));
    const fields = await tools.sessionFields();
    expect(fields.instructions).toBe('Be kind.');
    expect(fields.tools).toMatchObject([{ type: 'function', name: 'echo', description: 'Says it back.' }]);
    expect(await tools.sessionFields()).toBe(fields);

    const call = { itemId: 'item_1', callId: 'call_1', name: 'echo', arguments: '{"text":"hi"}' };
    expect(await tools.invoke(call)).toBe('said hi');
    expect(seen).toEqual(['call_1']);
    expect(await tools.invoke({ ...call, name: 'missing' })).toBeUndefined();
  });
});
