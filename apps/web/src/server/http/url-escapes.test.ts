import { describe, expect, it } from 'vitest';
import { hasDecodablePath } from './url-escapes.ts';

describe('hasDecodablePath', () => {
  it('accepts plain and well-escaped paths', () => {
    expect(hasDecodablePath('/b/biz_1/calls')).toBe(true);
    expect(hasDecodablePath('/b/caf%C3%A9/calls')).toBe(true);
  });

  it('refuses truncated or invalid % escapes', () => {
    expect(hasDecodablePath('/b/%E0%A4%A/calls')).toBe(false);
    expect(hasDecodablePath('/api/v1/messages/%zz')).toBe(false);
    expect(hasDecodablePath('/b/%')).toBe(false);
  });
});
