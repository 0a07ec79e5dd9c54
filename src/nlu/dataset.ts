/** Reads labelled examples from JSON Lines files ({"text": ..., "intent": ...} per line). */
import { readFile } from 'node:fs/promises';
import type { LabelledExample } from './types.js';

/** A dataset file that cannot be used, with the file and line to fix. */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string,
  ) {
    super(line === null ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.name = 'DatasetError';
  }
}

/** Parses JSON Lines text; blank lines are skipped, anything else must be {text: string, intent: string}. */
export function parseJsonl(content: string, file: string): LabelledExample[] {
  const examples: LabelledExample[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DatasetError(file, i + 1, 'not valid JSON');
    }
    const record = value as { text?: unknown; intent?: unknown } | null;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new DatasetError(file, i + 1, 'expected an object {"text": ..., "intent": ...}');
    }
    if (typeof record.text !== 'string') throw new DatasetError(file, i + 1, '"text" must be a string');
    if (typeof record.intent !== 'string' || record.intent.trim() === '') {
      throw new DatasetError(file, i + 1, '"intent" must be a non-empty string');
    }
    examples.push({ text: record.text, intent: record.intent.trim() });
  }
  if (examples.length === 0) throw new DatasetError(file, null, 'no examples');
  return examples;
}

/** Reads and parses a JSON Lines dataset file. */
export async function readJsonl(file: string): Promise<LabelledExample[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(file, null, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`);
  }
  return parseJsonl(content, file);
}
