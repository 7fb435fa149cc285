import { containsPhrase, tokenize } from '@receptionist/engine/language';

export type Intent =
  | 'book'
  | 'reschedule'
  | 'cancel'
  | 'check_appointment'
  | 'question'
  | 'message'
  | 'transfer'
  | 'goodbye';

/**
 * Cue phrases and their weights. Words are matched fuzzily and in order, so recognition slips
 * ("appointments", "cancer" for "cancel" is too far and is not matched) still count.
 */
const CUES: Record<Intent, Array<[phrase: string, weight: number]>> = {
  book: [
    ['book', 3],
    ['make an appointment', 3],
    ['schedule', 2],
    ['appointment', 1],
    // "where can I park when I come in" is a question: coming in is booking only with another cue.
    ['come in', 1],
    ['available', 1],
    ['availability', 2],
    ['an opening', 2],
    ['need a', 1],
    ["i'd like a", 1],
    ['would like a', 1],
  ],
  reschedule: [
    ['reschedule', 5],
    ['move my', 4],
    ['move it', 4],
    ['change my', 4],
    ['different time', 3],
    ['another day', 2],
  ],
  cancel: [
    ['cancel', 5],
    ['cancellation', 5],
    ["can't make it", 4],
    ['call off', 3],
  ],
  check_appointment: [
    ['when is my', 5],
    ['do i have an appointment', 5],
    ['check my appointment', 5],
    ['confirm my appointment', 5],
    ['what time is my', 5],
  ],
  question: [
    ['hours', 3],
    ['open', 2],
    ['close', 2],
    ['address', 3],
    ['located', 3],
    ['location', 3],
    ['where are you', 3],
    ['parking', 3],
    ['park', 3],
    ['where can i', 2],
    ['policy', 3],
    // Asking about the policy is not cancelling.
    ['cancellation policy', 6],
    ['do you accept', 3],
    ['what should i', 2],
    ['is there', 1],
    ['insurance', 3],
    ['price', 3],
    ['prices', 3],
    ['cost', 3],
    ['how much', 3],
    ['services', 2],
    ['offer', 1],
    ['question', 2],
    ['how long', 2],
    ['do you take', 2],
  ],
  message: [
    ['message', 5],
    ['call me back', 4],
    ['call back', 3],
    ['get back to me', 3],
  ],
  transfer: [
    ['person', 4],
    ['human', 4],
    ['someone', 3],
    ['somebody', 3],
    ['speak to', 2],
    ['speak with', 2],
    ['talk to', 2],
    ['transfer', 4],
    ['put me through', 4],
    ['receptionist', 3],
    ['front desk', 3],
    ['operator', 4],
    ['representative', 4],
  ],
  goodbye: [
    ['goodbye', 5],
    ['bye', 5],
    ["that's all", 4],
    ['that is all', 4],
    ['nothing else', 4],
    ['hang up', 4],
  ],
};

const CUE_WORDS = new Set(
  Object.values(CUES).flatMap((cues) => cues.flatMap(([phrase]) => phrase.split(' '))),
);

export interface IntentMatch {
  intent: Intent;
  score: number;
}

/**
 * Scores every intent; the best one wins when it clears `minimumScore`. `reserved` words (the business's
 * service names) count only as themselves: "massage" is never a slip for the cue "message".
 */
export function recognizeIntent(
  text: string,
  minimumScore = 2,
  reserved: ReadonlySet<string> = new Set(),
): IntentMatch | undefined {
  const tokens = tokenize(text).map((token) => (reserved.has(token) && !CUE_WORDS.has(token) ? '·' : token));
  let best: IntentMatch | undefined;
  for (const [intent, cues] of Object.entries(CUES) as Array<[Intent, Array<[string, number]>]>) {
    let score = 0;
    for (const [phrase, weight] of cues) if (containsPhrase(tokens, phrase)) score += weight;
    if (score > (best?.score ?? 0)) best = { intent, score };
  }
  return best !== undefined && best.score >= minimumScore ? best : undefined;
}

const YES = [
  'yes',
  'yeah',
  'yep',
  'yup',
  'sure',
  'correct',
  'right',
  'okay',
  'ok',
  'perfect',
  'absolutely',
  'please do',
  'go ahead',
  'sounds good',
  'that works',
  'confirm',
];
const NO = ['no', 'nope', 'not', 'wrong', 'incorrect', "don't", 'nah', 'change'];

/** Yes / no / neither. "no" wins ties, so "yes that's not right" is a no (the safe reading before booking). */
export function recognizeYesNo(text: string): 'yes' | 'no' | undefined {
  const tokens = tokenize(text);
  const said = (phrases: string[]): boolean =>
    phrases.some((phrase) => {
      const words = phrase.split(' ');
      return tokens.some((_, index) => words.every((word, offset) => tokens[index + offset] === word));
    });
  if (said(NO)) return 'no';
  if (said(YES)) return 'yes';
  return undefined;
}
