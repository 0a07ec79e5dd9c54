/** Loads and validates intents/*.yaml: every problem comes back with its file, line and what to fix. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { checkAcrossIntents, checkIntent, checkOutOfScope, type ExampleOwners, type LocatedIntent } from './intent-checks.js';
import { describeIssues } from './issue-messages.js';
import { sortProblems, type KbProblem } from './problem.js';
import { intentFileSchema, outOfScopeFileSchema } from './schema.js';
import type { Intent, OutOfScopeExamples } from './types.js';
import { createYamlLocator, type YamlLocator } from './yaml-locator.js';

export { formatProblem, type KbProblem } from './problem.js';

/** The file of out-of-scope examples inside the intents directory: not an intent, only examples. */
export const OUT_OF_SCOPE_FILE = '_out_of_scope.yaml';

/** What a directory of intent files holds: the valid intents, the out-of-scope examples and every problem found. */
export interface LoadedIntents {
  /** Intents whose files passed the schema (a later file reusing an id is left out). */
  intents: Intent[];
  /** Messages the bot must not claim to understand (empty lists without a valid _out_of_scope.yaml). */
  outOfScope: OutOfScopeExamples;
  /** Names of other companies' services (_out_of_scope.yaml `services`, both languages): a message about one is out of scope. */
  otherServices: string[];
  /** Errors and warnings, ordered by file and line. */
  problems: KbProblem[];
}

const NO_OUT_OF_SCOPE: OutOfScopeExamples = { ko: [], en: [] };

/** Reads every *.yaml file in `dir` (other and hidden files are ignored) and validates each one and all of them together. */
export async function loadIntentsDir(dir: string): Promise<LoadedIntents> {
  let names: string[];
  try {
    // Hidden files are editor state (Emacs keeps `.#name.yaml` lock links while editing), never intents.
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.'))
      .map((e) => e.name);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the directory does not exist' : (e as Error).message;
    return { intents: [], outOfScope: NO_OUT_OF_SCOPE, otherServices: [], problems: [{ file: dir, line: null, severity: 'error', message: `cannot read the intents directory: ${reason}` }] };
  }
  const yamlNames = names.filter((n) => n.endsWith('.yaml') && n !== OUT_OF_SCOPE_FILE).sort();
  const problems: KbProblem[] = names
    .filter((n) => n.endsWith('.yml'))
    .map((n) => ({ file: join(dir, n), line: null, severity: 'warning', message: `ignored: intent files end in .yaml; rename it to "${n.slice(0, -4)}.yaml"` }));
  if (yamlNames.length === 0) {
    problems.push({ file: dir, line: null, severity: 'error', message: 'no intent files: the directory needs one <id>.yaml file per intent' });
    return { intents: [], outOfScope: NO_OUT_OF_SCOPE, otherServices: [], problems: sortProblems(problems) };
  }

  const located: LocatedIntent[] = [];
  const results = await Promise.all(yamlNames.map((name) => loadIntentFile(join(dir, name))));
  for (const result of results) {
    problems.push(...result.problems);
    if (result.located) {
      located.push(result.located);
      problems.push(...checkIntent(result.located));
    }
  }
  const across = checkAcrossIntents(located);
  problems.push(...across.problems);
  const kept = located.filter((l) => !across.duplicates.has(l));
  let outOfScope = NO_OUT_OF_SCOPE;
  let otherServices: string[] = [];
  if (names.includes(OUT_OF_SCOPE_FILE)) {
    const loaded = await loadOutOfScopeFile(join(dir, OUT_OF_SCOPE_FILE), across.owners);
    problems.push(...loaded.problems);
    outOfScope = loaded.examples ?? NO_OUT_OF_SCOPE;
    otherServices = loaded.services ?? [];
  }
  return { intents: kept.map((l) => l.intent), outOfScope, otherServices, problems: sortProblems(problems) };
}

/** Parses and validates one intent file; `located` is absent when the file has errors of its own. */
async function loadIntentFile(file: string): Promise<{ located?: LocatedIntent; problems: KbProblem[] }> {
  const { data, locate, problems } = await parseYamlFile(file, intentFileSchema, 'write one intent (id:, kind:, title:, ...)');
  if (!data || !locate) return { problems };
  return { located: { intent: { ...data, file }, baseName: basename(file), locate }, problems };
}

/** Parses and validates _out_of_scope.yaml, whose examples must not also be examples of an intent. */
async function loadOutOfScopeFile(file: string, owners: ExampleOwners): Promise<{ examples?: OutOfScopeExamples; services?: string[]; problems: KbProblem[] }> {
  const hint = 'write examples: with ko: and en: lists of messages the bot should not claim to understand';
  const { data, locate, problems } = await parseYamlFile(file, outOfScopeFileSchema, hint);
  if (!data || !locate) return { problems };
  const services = data.services ? [...data.services.ko, ...data.services.en] : undefined;
  return { examples: data.examples, services, problems: [...problems, ...checkOutOfScope(data.examples, file, locate, owners)] };
}

/** Reads, parses and validates one YAML file against `schema`; `data` is absent when the file has errors. */
async function parseYamlFile<T>(file: string, schema: z.ZodType<T>, emptyHint: string): Promise<{ data?: T; locate?: YamlLocator; problems: KbProblem[] }> {
  const error = (line: number | null, message: string): KbProblem => ({ file, line, severity: 'error', message });
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    return { problems: [error(null, `cannot read the file: ${(e as Error).message}`)] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Later syntax errors are mostly knock-on effects of the first, so only the first is reported.
    const first = doc.errors[0];
    const line = lineCounter.linePos(first.pos[0]).line;
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more after it; fix this one first)` : '';
    // YAML reads `answer: {{service_name}} ...` as a {mapping}; the library's message does not say so.
    const braces = /(:|^\s*-)\s+\{\{/.test(source.split('\n')[line - 1] ?? '')
      ? ': text that starts with {{ must be quoted, e.g. "{{service_name}} ..." or written as a | block'
      : '';
    return { problems: [error(line, `YAML syntax error: ${syntaxMessage(first.code, first.message)}${braces}${more}`)] };
  }
  const yamlWarnings = doc.warnings.map((w): KbProblem => ({ file, line: lineCounter.linePos(w.pos[0]).line, severity: 'warning', message: `YAML: ${w.message}` }));
  if (doc.contents === null) return { problems: [error(null, `the file is empty: ${emptyHint}`)] };

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // yaml refuses documents whose aliases expand too much ("billion laughs"); that is the operator's file, not a crash.
    return { problems: [error(null, `cannot read the YAML: ${(e as Error).message}`)] };
  }
  const locate = createYamlLocator(doc, lineCounter, source);
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, data).map((i) => error(locate.lineOf(i.path), i.message));
    return { problems: [...yamlWarnings, ...problems] };
  }
  return { data: parsed.data, locate, problems: yamlWarnings };
}

function syntaxMessage(code: string, message: string): string {
  if (code === 'TAB_AS_INDENT') return `${message}: indent with spaces`;
  if (code === 'DUPLICATE_KEY') return `${message}: a field appears twice`;
  return message.replace(/ at line \d+, column \d+.*$/s, '');
}
