/** Checks beyond the schema: file name vs id, {{variables}}, example counts, and clashes between intents. */
import { labelOf } from './issue-messages.js';
import type { KbProblem } from './problem.js';
import { RECOMMENDED_EXAMPLES } from './schema.js';
import { didYouMean } from './suggest.js';
import { LANGS, type Intent, type OutOfScopeExamples } from './types.js';
import { findVariables, isVariableName, VARIABLE_NAMES } from './variables.js';
import type { YamlLocator } from './yaml-locator.js';

/** An intent that passed the schema, with the means to point at its lines. */
export interface LocatedIntent {
  intent: Intent;
  /** The file name without directory, e.g. "mail.spam.yaml". */
  baseName: string;
  locate: YamlLocator;
}

/** Problems within one intent: file name, {{variables}}, and example quality bars (warnings). */
export function checkIntent({ intent, baseName, locate }: LocatedIntent): KbProblem[] {
  const problems: KbProblem[] = [];
  const error = (line: number | null, message: string) => problems.push({ file: intent.file, line, severity: 'error', message });
  const warn = (line: number | null, message: string) => problems.push({ file: intent.file, line, severity: 'warning', message });

  const expected = `${intent.id}.yaml`;
  if (baseName !== expected) {
    error(locate.lineOf(['id']), `the file name "${baseName}" does not match id "${intent.id}": rename the file to "${expected}" or fix the id`);
  }

  for (const lang of LANGS) {
    const seen = new Map<string, number>();
    for (const use of findVariables(intent.answer[lang])) {
      const occurrence = seen.get(use.raw) ?? 0;
      seen.set(use.raw, occurrence + 1);
      const line = locate.lineOfSnippet(['answer', lang], use.raw, occurrence);
      if (use.name === null) {
        error(line, `broken variable "${use.raw}" in answer.${lang}: write variables as {{name}}, with one of ${VARIABLE_NAMES.join(', ')}`);
      } else if (!isVariableName(use.name)) {
        error(line, `unknown variable {{${use.name}}} in answer.${lang}${didYouMean(use.name, VARIABLE_NAMES)}: the variables are ${VARIABLE_NAMES.join(', ')}`);
      }
    }

    if (findVariables(intent.title[lang]).length > 0) {
      error(locate.lineOf(['title', lang]), `title.${lang} cannot use {{variables}}: titles are shown exactly as written`);
    }

    const examples = intent.examples[lang];
    if (examples.length < RECOMMENDED_EXAMPLES) {
      warn(locate.lineOf(['examples', lang]), `only ${examples.length} ${lang} example${examples.length === 1 ? '' : 's'}: ${RECOMMENDED_EXAMPLES} or more help the bot recognise this intent`);
    }
  }

  const first = new Map<string, PropertyKey[]>();
  for (const [lang, i, text] of examplesOf(intent)) {
    const key = normalizeExample(text);
    if (!key) continue;
    const earlier = first.get(key);
    if (earlier) {
      warn(locate.lineOf(['examples', lang, i]), `example "${text}" repeats ${labelOf(earlier)} (line ${locate.lineOf(earlier)}): remove one`);
    } else {
      first.set(key, ['examples', lang, i]);
    }
  }
  return problems;
}

/** Where an example (normalised) is written: the intent and the path of the first place it appears. */
export type ExampleOwners = ReadonlyMap<string, { entry: LocatedIntent; path: PropertyKey[] }>;

/**
 * Problems between intents: the same id twice, the same example under two intents. `duplicates` are the later
 * files that reuse an id; `owners` maps each example of the kept intents to its first place.
 */
export function checkAcrossIntents(located: readonly LocatedIntent[]): { problems: KbProblem[]; duplicates: Set<LocatedIntent>; owners: ExampleOwners } {
  const problems: KbProblem[] = [];
  const duplicates = new Set<LocatedIntent>();
  const byId = new Map<string, LocatedIntent>();
  for (const entry of located) {
    const earlier = byId.get(entry.intent.id);
    if (earlier) {
      duplicates.add(entry);
      problems.push({
        file: entry.intent.file,
        line: entry.locate.lineOf(['id']),
        severity: 'error',
        message: `duplicate id "${entry.intent.id}": ${where(earlier, ['id'])} already uses it; every intent needs its own id`,
      });
    } else {
      byId.set(entry.intent.id, entry);
    }
  }

  // An example may train one intent only: under two, the matcher cannot tell which one a user means.
  const owner = new Map<string, { entry: LocatedIntent; path: PropertyKey[] }>();
  for (const entry of located) {
    if (duplicates.has(entry)) continue;
    const reported = new Set<string>();
    for (const [lang, i, text] of examplesOf(entry.intent)) {
      const key = normalizeExample(text);
      if (!key) continue;
      const earlier = owner.get(key);
      if (!earlier) {
        owner.set(key, { entry, path: ['examples', lang, i] });
      } else if (earlier.entry !== entry && !reported.has(key)) {
        reported.add(key);
        problems.push({
          file: entry.intent.file,
          line: entry.locate.lineOf(['examples', lang, i]),
          severity: 'error',
          message: `example "${text}" is also an example of ${earlier.entry.intent.id} (${where(earlier.entry, earlier.path)}): keep it under one intent only`,
        });
      }
    }
  }
  return { problems, duplicates, owners: owner };
}

/** Errors for out-of-scope examples that are also examples of an intent (`owners` from checkAcrossIntents): a message cannot be both. */
export function checkOutOfScope(examples: OutOfScopeExamples, file: string, locate: YamlLocator, owners: ExampleOwners): KbProblem[] {
  const problems: KbProblem[] = [];
  for (const lang of LANGS) {
    for (const [i, text] of examples[lang].entries()) {
      const clash = owners.get(normalizeExample(text));
      if (!clash) continue;
      problems.push({
        file,
        line: locate.lineOf(['examples', lang, i]),
        severity: 'error',
        message: `"${text}" is out of scope here but an example of ${clash.entry.intent.id} (${where(clash.entry, clash.path)}): keep it in one place only`,
      });
    }
  }
  return problems;
}

/** Folds case, width, spacing and punctuation so "Hello!" and "hello" count as the same example. */
export function normalizeExample(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function* examplesOf(intent: Intent): Generator<[(typeof LANGS)[number], number, string]> {
  for (const lang of LANGS) {
    for (const [i, text] of intent.examples[lang].entries()) yield [lang, i, text];
  }
}

function where(entry: LocatedIntent, path: PropertyKey[]): string {
  const line = entry.locate.lineOf(path);
  return line === null ? entry.intent.file : `${entry.intent.file}:${line}`;
}
