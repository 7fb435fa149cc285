import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolParameters } from './parameters.ts';

const VerbInput = z.object({
  service: z.string().trim().min(1),
  phone: z.string().trim().min(1).optional(),
  urgency: z.enum(['low', 'high']).default('low'),
});

describe('toolParameters', () => {
  const parameters = toolParameters(VerbInput, {
    service: 'Service name',
    phone: 'Phone if not caller ID',
    urgency: 'How urgent',
  });

  it("keeps the verb's rules and describes every field", () => {
    expect(parameters.safeParse({ service: '  Cleaning ' })).toEqual({
      success: true,
      data: { service: 'Cleaning' },
    });
    expect(parameters.safeParse({ service: '' }).success).toBe(false);
    expect(parameters.safeParse({ service: 'Cleaning', urgency: 'whenever' }).success).toBe(false);
    expect(Object.values(parameters.shape).map((field) => field.description)).toEqual([
      'Service name',
      'Phone if not caller ID',
      'How urgent',
    ]);
  });

  it('lets the model send null for optional and defaulted fields (OpenAI strict mode)', () => {
    expect(parameters.safeParse({ service: 'Cleaning', phone: null, urgency: null })).toEqual({
      success: true,
      data: { service: 'Cleaning', phone: null, urgency: null },
    });
    expect(parameters.safeParse({ service: null }).success).toBe(false);
  });
});
