/**
 * Words reduced to what they mean, for matching a caller's words against a business's own text (FAQ
 * entries, service names): a light English stemmer ("parking" ~ "park", "cancellation" ~ "cancel") and a
 * small table of words callers use for the same thing ("car" ~ "parking", "cost" ~ "price"). Words of
 * other languages pass through lower-cased, so their FAQ still matches word for word.
 */

/** Words that carry no topic: question frames, pronouns, filler, and booking words every entry shares. */
const STOP_WORDS = new Set(
  (
    'a an and are am as at be been being but by can could did do does doing for from get gets got had has ' +
    "have hello hi how i if in into is it its it's i'm i'd i'll just know let like may me might mine my no " +
    "not of off on or our ours please say so some tell than thank thanks that that's the their them then " +
    "there there's these they this those to too uh um up us very want wanted was we well were what what's " +
    "when where which while who whom why will with would yes you your yours you're should shall ok okay " +
    'any anything something question ask wondering wonder also still here again one'
  ).split(' '),
);

/** Groups of words callers use for one topic; every word maps to the group's first word's stem. */
const SYNONYM_GROUPS: readonly string[][] = [
  ['park', 'parking', 'car', 'cars', 'vehicle', 'garage', 'lot', 'driveway', 'drive'],
  ['insurance', 'insurer', 'insured', 'coverage', 'covered', 'ppo', 'hmo', 'medicare', 'medicaid'],
  ['cancel', 'cancellation', 'cancelling', 'canceling', 'cancelled', 'canceled'],
  ['price', 'cost', 'charge', 'fee', 'rate', 'expensive', 'cheap', 'afford', 'much'],
  ['pay', 'payment', 'card', 'cash', 'credit', 'debit', 'venmo', 'paypal'],
  ['wheelchair', 'accessible', 'accessibility', 'ramp', 'stairs', 'step', 'disabled', 'elevator', 'lift'],
  ['child', 'children', 'kid', 'kids', 'son', 'daughter', 'baby', 'toddler'],
  ['wear', 'clothes', 'clothing', 'dress', 'outfit', 'shorts'],
  ['form', 'forms', 'paperwork', 'document', 'documents', 'intake'],
  ['arrive', 'arrival', 'early'],
  ['pain', 'hurt', 'hurts', 'sore', 'ache', 'aching', 'injury', 'injured'],
  ['pet', 'pets', 'dog', 'dogs', 'cat', 'cats'],
  ['gift', 'voucher', 'certificate'],
  ['quote', 'estimate', 'quotation'],
  ['emergency', 'urgent', 'urgently', 'asap'],
  ['warranty', 'guarantee', 'guaranteed'],
  ['new', 'first'],
  ['referral', 'refer', 'referred', 'prescription'],
  ['late', 'lateness', 'delayed'],
  ['bring', 'need'],
];

/** Light suffix stripping, the same on both sides of a comparison. Not a linguist's stemmer, on purpose. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of [
    'ations',
    'ation',
    'ments',
    'ment',
    'ances',
    'ance',
    'ences',
    'ence',
    'ing',
    'ed',
    'er',
    'ly',
  ]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      // "cancell" → "cancel", "runn" → "run"; but keep "ss" ("assess").
      if (/([b-df-hj-np-rt-z])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

const CONCEPTS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const head = stem(group[0] ?? '');
  for (const word of group) CONCEPTS.set(stem(word), head);
}

/** Lower-case word tokens of any script ("¿hay estacionamiento?" → ["hay", "estacionamiento"]). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

/** The topic terms of a text: stop words dropped, stems taken, synonyms folded together. */
export function meaningTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word) || word.length < 2) continue;
    const stemmed = stem(word);
    terms.push(CONCEPTS.get(stemmed) ?? stemmed);
  }
  return terms;
}

/** True when two words mean the same here (same stem or same synonym group). */
export function sameMeaning(a: string, b: string): boolean {
  const termA = CONCEPTS.get(stem(a)) ?? stem(a);
  const termB = CONCEPTS.get(stem(b)) ?? stem(b);
  return termA === termB;
}
