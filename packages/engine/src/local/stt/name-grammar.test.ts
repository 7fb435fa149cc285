import { describe, expect, it } from 'vitest';
import { buildNameGrammar, nameInRehearing } from './name-grammar.ts';

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
    const grammar = buildNameGrammar(PRONUNCIATIONS) ?? '';
    expect(grammar).toContain('public <name> = [<intro>] <first> <last>;');
    // "sara" sounds as "sarah", the more common spelling, which stays; "megan" and "mark" are listed.
    expect(alternatives(grammar, 'first')).toEqual(['mark', 'sarah', 'megan']);
    expect(alternatives(grammar, 'last')).toEqual(['kelly', 'kim', 'sanders']);
    // Lead-ins whose words the dictionary lacks ("it's") are left out rather than break the grammar.
    expect(alternatives(grammar, 'intro')).toEqual(['my name is', 'this is']);
  });

  it('leaves out the words the caller said were wrong', () => {
    const grammar = buildNameGrammar(PRONUNCIATIONS, { exclude: new Set(['kelly', 'mark']) });
    expect(alternatives(grammar ?? '', 'first')).toEqual(['sarah', 'megan']);
    expect(alternatives(grammar ?? '', 'last')).toEqual(['kim', 'sanders']);
  });

  it('keeps the words heard around the name as they were, and only when the dictionary can say them', () => {
    const around = { before: ['this', 'is'], after: ['my', 'name'] };
    expect(buildNameGrammar(PRONUNCIATIONS, { around })).toContain(
      'public <name> = this is <first> <last> my name;',
    );
    expect(
      buildNameGrammar(PRONUNCIATIONS, { around: { before: ['this', 'is'], after: ['and'] } }),
    ).toBeUndefined();
  });
});

describe('nameInRehearing', () => {
  it("takes the two words in the name's place, and nothing from a turn out of the grammar's shape", () => {
    expect(nameInRehearing('my name is mark sanders', {})).toBe('mark sanders');
    const around = { before: ['this', 'is'], after: ['and', 'i', 'have', 'a', 'question'] };
    expect(nameInRehearing('this is carlos rivera and i have a question', { around })).toBe('carlos rivera');
    expect(nameInRehearing('this is carlos and i have a question', { around })).toBeUndefined();
    expect(nameInRehearing(undefined, {})).toBeUndefined();
  });
});
