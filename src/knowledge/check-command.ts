/** `deskbot intents check [--dir DIR]`: validates the knowledge base and prints every problem as file:line: message. */
import { loadIntentsDir } from './load.js';
import { formatProblem } from './problem.js';
import { INTENT_KINDS, LANGS, type Intent, type OutOfScopeExamples } from './types.js';

const USAGE = 'Usage: deskbot intents check [--dir DIR]   (default: $INTENTS_DIR, else ./intents)';

/** Runs the check; exit code 0 without errors (warnings allowed), 1 with errors, 2 on bad arguments. */
export async function runIntentsCheckCommand(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let dir = process.env.INTENTS_DIR || 'intents';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dir' && args[i + 1] !== undefined) dir = args[++i];
    else {
      err(`Unknown or incomplete option: ${args[i]}\n${USAGE}`);
      return 2;
    }
  }

  const { intents, outOfScope, problems } = await loadIntentsDir(dir);
  for (const problem of problems) out(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (intents.length > 0) out(summarize(intents, outOfScope));
  out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${dir}`);
  return errors > 0 ? 1 : 0;
}

/** "31 intents (faq 14, ...); examples: ko 620, en 598 (fewest per intent: ko 15, en 15); out of scope: ko 300, en 300". */
function summarize(intents: readonly Intent[], outOfScope: OutOfScopeExamples): string {
  const kinds = INTENT_KINDS.map((kind) => [kind, intents.filter((i) => i.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  const total = LANGS.map((lang) => `${lang} ${intents.reduce((n, i) => n + i.examples[lang].length, 0)}`);
  const fewest = LANGS.map((lang) => `${lang} ${Math.min(...intents.map((i) => i.examples[lang].length))}`);
  const summary = `${intents.length} intent${intents.length === 1 ? '' : 's'} (${kinds.join(', ')}); examples: ${total.join(', ')} (fewest per intent: ${fewest.join(', ')})`;
  const outside = LANGS.map((lang) => `${lang} ${outOfScope[lang].length}`);
  return outOfScope.ko.length + outOfScope.en.length > 0 ? `${summary}; out of scope: ${outside.join(', ')}` : summary;
}
