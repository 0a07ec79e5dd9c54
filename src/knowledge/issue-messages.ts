/** Turns zod issues about an intent file into messages that say what to fix, one per offending field. */
import type { z } from 'zod';
import { INTENT_FIELDS, LOCALIZED_FIELDS } from './schema.js';
import { closestName, didYouMean } from './suggest.js';
import { DETAIL_NAMES, INTENT_KINDS, LANGS } from './types.js';

/** One thing wrong in a file, with the path of the value it concerns (for the line). */
export interface FieldIssue {
  path: PropertyKey[];
  message: string;
}

const LANG_NAMES: Record<string, string> = { ko: 'Korean', en: 'English' };

const MISSING_HINTS: Record<string, string> = {
  details: ' (write `details: []` when there are none)',
  route: ' (write `route: null` for the default route)',
  verify: ' (true when the case concerns an account, personal data or money, else false)',
};

/** Describes all issues of one file; a misspelt field ("exampels") is reported once, not also as a missing "examples". */
export function describeIssues(issues: readonly z.core.$ZodIssue[], data: unknown): FieldIssue[] {
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const candidates = issue.path.length === 0 ? INTENT_FIELDS : LANGS;
    for (const key of issue.keys) {
      const guess = closestName(key, candidates);
      if (guess) misspelt.add(JSON.stringify([...issue.path, guess]));
    }
  }
  return issues
    .filter((issue) => !(issue.code === 'invalid_type' && misspelt.has(JSON.stringify(issue.path)) && !hasPath(data, issue.path as PropertyKey[])))
    .flatMap((issue) => describeIssue(issue, data));
}

// `data` is the parsed YAML, used to tell a missing field from a wrong one.
function describeIssue(issue: z.core.$ZodIssue, data: unknown): FieldIssue[] {
  const path = issue.path as PropertyKey[];
  const label = labelOf(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: unknownKey(path, key) }));
    case 'invalid_type': {
      if (path.length === 0) return [{ path, message: 'the file must be a mapping of fields (id:, kind:, title:, ...), one intent per file' }];
      if (!hasPath(data, path)) return [{ path, message: missing(path) }];
      if (issue.input === null) return [{ path, message: `${label} is empty${MISSING_HINTS[label] ?? ''}` }];
      if (path[0] === 'route') return [{ path, message: `route must be a route name like "account", or null (found ${describeValue(issue.input)})` }];
      return [{ path, message: `${label} must be ${expectedOf(path, issue.expected)} (found ${describeValue(issue.input)})${quoteHint(issue)}` }];
    }
    case 'invalid_value': {
      const found = String(issue.input);
      if (path[0] === 'kind') return [{ path, message: `unknown kind "${found}"${didYouMean(found, INTENT_KINDS)}: use one of ${INTENT_KINDS.join(', ')}` }];
      if (path[0] === 'details') return [{ path, message: `unknown detail "${found}"${didYouMean(found, DETAIL_NAMES)}: details are ${DETAIL_NAMES.join(', ')}` }];
      return [{ path, message: `${label} must be one of ${issue.values.map(String).join(', ')} (found ${describeValue(issue.input)})` }];
    }
    case 'too_small':
      if (issue.origin === 'string') return [{ path, message: `${label} is empty` }];
      if (path[0] === 'examples') return [{ path, message: `${label} needs at least one example` }];
      return [{ path, message: `${label} needs at least ${issue.minimum} items` }];
    case 'invalid_format':
      return [{ path, message: `${issue.message} (found ${describeValue(issue.input)})` }];
    default:
      return [{ path, message: `${label}: ${issue.message}` }];
  }
}

/** "examples.en item 4", "title.ko", "details item 1". */
export function labelOf(path: readonly PropertyKey[]): string {
  let label = '';
  for (const step of path) {
    if (typeof step === 'number') label += ` item ${step + 1}`;
    else label += label ? `.${String(step)}` : String(step);
  }
  return label || 'the file';
}

function unknownKey(parent: readonly PropertyKey[], key: string): string {
  if (parent.length === 0) {
    const guess = didYouMean(key, INTENT_FIELDS);
    return `unknown field "${key}"${guess || `: the fields are ${INTENT_FIELDS.join(', ')}`}`;
  }
  if (parent.length === 1 && (LOCALIZED_FIELDS as readonly PropertyKey[]).includes(parent[0])) {
    return `unknown language "${key}" under ${String(parent[0])}${didYouMean(key, LANGS)}: the languages are ${LANGS.join(' and ')}`;
  }
  return `unknown field "${key}" under ${labelOf(parent)}`;
}

function missing(path: readonly PropertyKey[]): string {
  const last = String(path[path.length - 1]);
  if (path.length === 1) return `missing field "${last}"${MISSING_HINTS[last] ?? ''}`;
  if (path.length === 2 && LANG_NAMES[last]) {
    return `missing language "${last}" (${LANG_NAMES[last]}) under ${String(path[0])}: every intent needs ${LANGS.join(' and ')}`;
  }
  return `missing ${labelOf(path)}`;
}

function expectedOf(path: readonly PropertyKey[], expected: string): string {
  if (expected === 'boolean') return 'true or false';
  if (expected === 'string') return 'text';
  if (expected === 'array') return path[0] === 'examples' ? 'a list of example sentences' : 'a list, e.g. [account_id, steps_tried]';
  if (expected === 'object') return `a mapping with ${LANGS.map((l) => `${l}:`).join(' and ')}`;
  return expected;
}

// YAML reads unquoted `yes`, `123` or `a: b` as a boolean, number or mapping where text was meant.
function quoteHint(issue: z.core.$ZodIssueInvalidType): string {
  if (issue.expected !== 'string') return '';
  if (issue.input !== null && typeof issue.input === 'object' && !Array.isArray(issue.input)) {
    return ': put it in quotes, because ": " inside unquoted text starts a mapping';
  }
  return Array.isArray(issue.input) ? '' : ': put it in quotes';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function hasPath(data: unknown, path: readonly PropertyKey[]): boolean {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, step)) return false;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return true;
}
