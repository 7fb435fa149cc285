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
    expect(grammar).toContain('public <name> = [<intro>] <person>;');
    expect(grammar).toContain('<person> = <first> <last>;');
    // "sara" sounds as "sarah", the more common spelling, which stays; "megan" and "mark" are listed.
    expect(alternatives(grammar, 'first')).toEqual(['mark', 'sarah', 'megan']);
    expect(alternatives(grammar, 'last')).toEqual(['kelly', 'kim', 'sanders']);
    // Lead-ins whose words the dictionary lacks ("it's") are left out rather than break the grammar.
    expect(alternatives(grammar, 'intro')).toEqual(['my name is', 'this is']);
  });

  it('leaves out the whole names the caller said were wrong, and nothing else', () => {
    const grammar =
      buildNameGrammar(PRONUNCIATIONS, { exclude: ['mark kelly', 'mark kim', 'sarah sanders'] }) ?? '';
    expect(grammar).toContain('<person> = <first> <last> | mark <last1> | sarah <last2>;');
    expect(alternatives(grammar, 'first')).toEqual(['megan']);
    expect(alternatives(grammar, 'last')).toEqual(['kelly', 'kim', 'sanders']);
    expect(alternatives(grammar, 'last1')).toEqual(['sanders']);
    expect(alternatives(grammar, 'last2')).toEqual(['kelly', 'kim']);
  });

  it('keeps the words heard around the name as they were, and only when the dictionary can say them', () => {
    const around = { before: ['this', 'is'], after: ['my', 'name'] };
    expect(buildNameGrammar(PRONUNCIATIONS, { around })).toContain(
      'public <name> = this is <person> my name;',
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
