/**
 * Aligns one recogniser's output for a whole stream with the references of the utterances in it
 * (Levenshtein over words, with the back-trace), and hands each utterance the words aligned to it. A
 * recogniser cuts a stream where it hears silence, so hypotheses do not map one-to-one to utterances; the
 * alignment does. Written here because the edit-distance packages on npm return a distance, not the path.
 */
export interface WordAlignment {
  /** Per utterance: the hypothesis words aligned to it (an insertion goes with the utterance before it). */
  hypotheses: string[][];
  /** Per utterance: substitutions + deletions of its words + insertions given to it. */
  errors: number[];
}

export function alignWords(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
): WordAlignment {
  const reference: string[] = [];
  const owner: number[] = [];
  references.forEach((words, index) => {
    for (const word of words) {
      reference.push(word);
      owner.push(index);
    }
  });
  const rows = reference.length + 1;
  const columns = hypothesis.length + 1;
  const cost = new Uint32Array(rows * columns);
  for (let i = 0; i < rows; i++) cost[i * columns] = i;
  for (let j = 0; j < columns; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      cost[i * columns + j] = Math.min(
        cost[(i - 1) * columns + j]! + 1,
        cost[i * columns + j - 1]! + 1,
        cost[(i - 1) * columns + j - 1]! + same,
      );
    }
  }
  const hypotheses: string[][] = references.map(() => []);
  const errors = references.map(() => 0);
  let i = rows - 1;
  let j = columns - 1;
  while (i > 0 || j > 0) {
    const here = cost[i * columns + j]!;
    if (i > 0 && j > 0) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      if (here === cost[(i - 1) * columns + j - 1]! + same) {
        hypotheses[owner[i - 1]!]!.unshift(hypothesis[j - 1]!);
        errors[owner[i - 1]!]! += same;
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && here === cost[(i - 1) * columns + j]! + 1) {
      errors[owner[i - 1]!]! += 1; // deletion: a reference word nobody heard
      i--;
      continue;
    }
    // Insertion: a heard word with no reference word; it belongs to the utterance being spoken before it.
    const to = i > 0 ? owner[i - 1]! : 0;
    hypotheses[to]!.unshift(hypothesis[j - 1]!);
    errors[to]! += 1;
    j--;
  }
  return { hypotheses, errors };
}
