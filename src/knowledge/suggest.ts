/** "Did you mean ...?" suggestions for misspelt field, language, detail and variable names. */

/** The candidate closest to `word` by edit distance, when close enough to be a likely typo; otherwise null. */
export function closestName(word: string, candidates: readonly string[]): string | null {
  const target = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits cover swapped letters and small slips; more would suggest unrelated names for short words.
  const allowed = Math.min(2, Math.max(1, Math.floor(target.length / 3)));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** " (did you mean "x"?)" or "" — ready to append to a message. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = closestName(word, candidates);
  return guess ? ` (did you mean "${guess}"?)` : '';
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost one. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
