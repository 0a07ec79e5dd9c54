/**
 * The SentencePiece (unigram) tokenizer of the Universal Sentence Encoder lite: the most probable split of a
 * text into the pieces of the model's vocabulary (Viterbi over log-probabilities). It follows the tokenizer
 * that Google's tfjs-models ships with the model piece for piece (checked on the 24,000 CLINC150 and Banking77
 * training sentences). Written here because that tokenizer is packaged only with runtimes of its own: the
 * tfjs-models package needs TensorFlow.js 3, and @energetic-ai/embeddings a bundled TensorFlow.js 4.5.
 */

/** The model's vocabulary: [piece, log-probability], in id order. */
export type PieceVocabulary = readonly (readonly [string, number])[];

/** The id of the unknown piece: characters no piece covers (Hangul, for this English model) become it. */
export const UNKNOWN_PIECE = 0;

/** Ids 0-5 are the unknown piece, sentence marks and spares: never produced from text. */
const RESERVED_PIECES = 6;

/** Word boundary mark: the tokenizer sees "▁how▁are▁you". */
const SPACE = '\u2581';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** The piece that ends here, or -1. */
  piece: number;
}

/** Builds the tokenizer for a vocabulary; the returned function maps a text to piece ids. */
export function createPieceTokenizer(vocabulary: PieceVocabulary): (text: string) => number[] {
  const root: TrieNode = { next: new Map(), piece: -1 };
  for (let id = RESERVED_PIECES; id < vocabulary.length; id++) {
    let node = root;
    for (const symbol of vocabulary[id][0]) {
      let child = node.next.get(symbol);
      if (!child) {
        child = { next: new Map(), piece: -1 };
        node.next.set(symbol, child);
      }
      node = child;
    }
    node.piece = id;
  }

  return (text) => {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const symbols = [...(SPACE + normalized.replace(/ /g, SPACE))];
    const n = symbols.length;
    // best[e]: the score of the best split of symbols[0, e); from[e], piece[e]: its last piece.
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1);
    const piece = new Int32Array(n + 1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      if (best[start] === -Infinity) continue;
      let node: TrieNode | undefined = root;
      let matched = false;
      for (let end = start; end < n; end++) {
        node = node.next.get(symbols[end]);
        if (!node) break;
        if (node.piece < 0) continue;
        matched = true;
        const score = best[start] + vocabulary[node.piece][1];
        // Ties go to the later start, as in the reference tokenizer.
        if (score >= best[end + 1]) {
          best[end + 1] = score;
          from[end + 1] = start;
          piece[end + 1] = node.piece;
        }
      }
      // A symbol that starts no piece is one unknown piece, scored 0 like the reference does.
      if (!matched && best[start] >= best[start + 1]) {
        best[start + 1] = best[start];
        from[start + 1] = start;
        piece[start + 1] = UNKNOWN_PIECE;
      }
    }
    const ids: number[] = [];
    for (let end = n; end > 0; end = from[end]) ids.push(piece[end]);
    ids.reverse();
    // A run of unknown symbols is one unknown piece.
    return ids.filter((id, i) => id !== UNKNOWN_PIECE || ids[i - 1] !== UNKNOWN_PIECE);
  };
}
