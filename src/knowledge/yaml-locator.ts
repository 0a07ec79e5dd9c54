/** Maps paths inside a parsed YAML document (["examples", "en", 3]) back to 1-based source lines for error messages. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** Finds source lines of values in one YAML document. */
export interface YamlLocator {
  /**
   * Line of the deepest part of `path` that exists: a map entry's key line, a list item's line.
   * A missing entry thus points at its parent (a missing "en" at the "examples:" line); null when nothing matched.
   */
  lineOf(path: readonly PropertyKey[]): number | null;
  /** Line of the `occurrence`-th (0-based) appearance of `snippet` in the source of the value at `path`. */
  lineOfSnippet(path: readonly PropertyKey[], snippet: string, occurrence: number): number | null;
}

/** Creates a locator for a document parsed with `lineCounter`. */
export function createYamlLocator(doc: Document, lineCounter: LineCounter, source: string): YamlLocator {
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  function walk(path: readonly PropertyKey[]): { line: number | null; node: Node | null; complete: boolean } {
    let node: unknown = doc.contents;
    let line: number | null = null;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
        if (!pair) return { line, node: null, complete: false };
        if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
        const item = node.items[step];
        if (isScalar(item) || isMap(item) || isSeq(item)) {
          if (item.range) line = lineAt(item.range[0]);
        }
        node = item;
      } else {
        return { line, node: null, complete: false };
      }
    }
    return { line, node: isScalar(node) || isMap(node) || isSeq(node) ? node : null, complete: true };
  }

  return {
    lineOf: (path) => walk(path).line,
    lineOfSnippet(path, snippet, occurrence) {
      const found = walk(path);
      if (!found.complete || !found.node?.range) return found.line;
      const [start, end] = found.node.range;
      let at = start - 1;
      for (let seen = 0; seen <= occurrence; seen++) {
        at = source.indexOf(snippet, at + 1);
        // Escapes in quoted scalars can make the source differ from the value: fall back to the value's first line.
        if (at < 0 || at >= end) return lineAt(start);
      }
      return lineAt(at);
    },
  };
}
