/**
 * Adds examples to an intent's file or to _out_of_scope.yaml (the review inbox's "assign"), keeping the file's
 * comments and layout (yaml's Document API). The whole knowledge base is checked with the change first, on a copy
 * of the folder: a change that would add an error (an example that is already another intent's, say) is refused
 * with the reasons, and nothing is written. The file is then replaced in one rename, so the bot's hot reload
 * never reads it half written.
 */
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { formatProblem, loadIntentsDir, OUT_OF_SCOPE_FILE, type KbProblem } from './load.js';
import type { Lang } from './types.js';

/** Where examples go: an intent, or the out-of-scope list. */
export type ExampleTarget = { intent: string } | 'out_of_scope';

/** An example to add, in its language. */
export interface NewExample {
  lang: Lang;
  text: string;
}

/** What adding did: the file written and how many examples were new, or why nothing was written. */
export type AddOutcome = { written: string; added: number } | { refused: string[] };

/** Adds `examples` to the target in the intents folder `dir`, unless that would add an error to the knowledge base. */
export async function addExamples(dir: string, target: ExampleTarget, examples: readonly NewExample[]): Promise<AddOutcome> {
  const before = await loadIntentsDir(dir);
  const file = target === 'out_of_scope' ? join(dir, OUT_OF_SCOPE_FILE) : before.intents.find((i) => i.id === target.intent)?.file;
  if (!file) return { refused: [`there is no intent "${(target as { intent: string }).intent}" in ${dir}`] };
  const original = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? 'examples:\n  ko: []\n  en: []\n' : Promise.reject(e)));
  const doc = parseDocument(original);
  let added = 0;
  for (const { lang, text } of examples) {
    const list = doc.getIn(['examples', lang]);
    if (isSeq(list)) {
      if (list.items.some((item) => String((item as { value?: unknown }).value ?? item) === text)) continue;
      list.add(doc.createNode(text));
    } else {
      doc.setIn(['examples', lang], doc.createNode([text]));
    }
    added++;
  }
  if (added === 0) return { written: file, added: 0 };
  // lineWidth 0: long examples stay on one line, as they were written; no padding: `[a, b]` lists (details, services) stay as written.
  const changed = doc.toString({ lineWidth: 0, flowCollectionPadding: false });

  // The knowledge base with the change, checked on a copy of the folder.
  const copy = await mkdtemp(join(tmpdir(), 'deskbot-intents-'));
  try {
    await cp(dir, copy, { recursive: true });
    await writeFile(join(copy, basename(file)), changed, 'utf8');
    const after = await loadIntentsDir(copy);
    const known = new Set(before.problems.filter(isError).map((p) => `${basename(p.file)}:${p.message}`));
    const fresh = after.problems.filter((p) => isError(p) && !known.has(`${basename(p.file)}:${p.message}`));
    // Problems name the copy's files: they are reported with the real folder's.
    if (fresh.length > 0) return { refused: fresh.map((p) => formatProblem({ ...p, file: join(dir, basename(p.file)), message: p.message.replaceAll(copy, dir) })) };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
  // A hidden name while it is written: the loader and the hot reload ignore dot files.
  const temporary = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, changed, 'utf8');
  await rename(temporary, file);
  return { written: file, added };
}

function isError(p: KbProblem): boolean {
  return p.severity === 'error';
}
