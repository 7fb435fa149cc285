import { describe, expect, it } from 'vitest';
import { didYouMean, matchFaqByMeaning } from './faq-match.ts';
import { stem } from './word-meaning.ts';

// A physiotherapy practice's FAQ as the dashboard saves it: no keywords at all.
const PHYSIO_FAQ = [
  {
    question: 'Where can I park?',
    answer: 'There is a free car park behind the building, and street parking on Elm Road.',
    keywords: [],
  },
  {
    question: 'Do you take insurance?',
    answer: 'We bill most major insurers directly, including Aetna and Blue Cross.',
    keywords: [],
  },
  {
    question: 'What is your cancellation policy?',
    answer: 'Please give us 24 hours notice to cancel or move a session, or a late fee of $40 applies.',
    keywords: [],
  },
  {
    question: 'What should I wear to my session?',
    answer: 'Comfortable clothes you can move in, such as shorts and a t-shirt.',
    keywords: [],
  },
];

const matched = (asked: string) => {
  const match = matchFaqByMeaning(PHYSIO_FAQ, asked);
  return match.kind === 'match' ? match.entry.question : match.kind;
};

describe('matchFaqByMeaning', () => {
  it('stems words so "parking" and "park", "cancellation" and "cancel" meet', () => {
    expect(stem('parking')).toBe(stem('park'));
    expect(stem('cancellation')).toBe(stem('cancel'));
    expect(stem('insurance')).toBe(stem('insured'));
    expect(stem('clothes')).not.toBe(stem('close'));
  });

  it('finds entries without keywords, by their question, answer and synonyms', () => {
    expect(matched('where can I park when I come in')).toBe('Where can I park?');
    expect(matched('is there somewhere to leave my car')).toBe('Where can I park?');
    expect(matched('are you covered by my insurer')).toBe('Do you take insurance?');
    expect(matched('do you accept blue cross')).toBe('Do you take insurance?');
    expect(matched('what happens if I need to cancel')).toBe('What is your cancellation policy?');
    expect(matched('is there a fee if I am late')).toBe('What is your cancellation policy?');
    expect(matched('what clothes should I bring')).toBe('What should I wear to my session?');
  });

  it('answers nothing for questions the FAQ does not cover', () => {
    expect(matched('do you sell bicycles')).toBe('none');
    expect(matched('hello')).toBe('none');
    expect(matchFaqByMeaning([], 'where can I park')).toEqual({ kind: 'none' });
  });

  it('asks "did you mean" when two entries fit equally', () => {
    const faq = [
      { question: 'Is parking free?', answer: 'Yes, for two hours.' },
      { question: 'Where is the parking garage?', answer: 'On Court Street.' },
    ];
    const match = matchFaqByMeaning(faq, 'tell me about parking');
    expect(match.kind).toBe('ambiguous');
    if (match.kind !== 'ambiguous') return;
    expect(didYouMean(match.entries)).toBe('Did you mean: is parking free; or where is the parking garage?');
  });

  it('lets keywords break a tie when the owner set them', () => {
    const faq = [
      { question: 'Is parking free?', answer: 'Yes, for two hours.', keywords: [] },
      {
        question: 'Where is the parking garage?',
        answer: 'On Court Street.',
        keywords: ['parking', 'garage'],
      },
    ];
    const match = matchFaqByMeaning(faq, 'tell me about parking');
    expect(match).toMatchObject({ kind: 'match', entry: { question: 'Where is the parking garage?' } });
  });

  it('matches words of other languages as they are', () => {
    const faq = [{ question: '¿Hay estacionamiento?', answer: 'Sí, detrás del edificio.' }];
    expect(matchFaqByMeaning(faq, '¿hay estacionamiento cerca?').kind).toBe('match');
  });
});
