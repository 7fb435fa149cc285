import { describe, expect, it } from 'vitest';
import { buildNameGrammar } from './name-grammar.ts';

const PRONUNCIATIONS = new Map([
  ['my', 'M AY'],
  ['name', 'N EY M'],
  ['is', 'IH Z'],
  ['this', 'DH IH S'],
  ['sarah', 'S EH R AH'],
  ['sara', 'S EH R AH'],
  ['mark', 'M AA R K'],
  ['megan', 'M EH G AH N'],
  ['sanders', 'S AE N D ER Z'],
  ['kelly', 'K EH L IY'],
  ['kim', 'K IH M'],
]);

function alternatives(grammar: string, rule: string): string[] {
  const line = grammar.split('\n').find((text) => text.startsWith(`<${rule}> = `));
  return (line ?? '').slice(`<${rule}> = `.length, -1).split(' | ');
}

describe('buildNameGrammar', () => {
  it('offers listed first names and surnames the dictionary can say, in the order of the lists, one spelling per sound', () => {
    const grammar = buildNameGrammar(PRONUNCIATIONS);
    expect(grammar).toContain('public <name> = [<intro>] <first> <last>;');
    // "sara" sounds as "sarah", the more common spelling, which stays; "megan" and "mark" are listed.
    expect(alternatives(grammar, 'first')).toEqual(['mark', 'sarah', 'megan']);
    expect(alternatives(grammar, 'last')).toEqual(['kelly', 'kim', 'sanders']);
    // Lead-ins whose words the dictionary lacks ("it's") are left out rather than break the grammar.
    expect(alternatives(grammar, 'intro')).toEqual(['my name is', 'this is']);
  });

  it('leaves out the words the caller said were wrong', () => {
    const grammar = buildNameGrammar(PRONUNCIATIONS, new Set(['kelly', 'mark']));
    expect(alternatives(grammar, 'first')).toEqual(['sarah', 'megan']);
    expect(alternatives(grammar, 'last')).toEqual(['kim', 'sanders']);
  });
});
