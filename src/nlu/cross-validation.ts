/**
 * The folds of a knowledge base's cross-validation, shared by `npm run bench -- intents` and `deskbot intents
 * check --cv`: every example of every intent and language, and every out-of-scope message, dealt to a fold.
 */
import type { Intent, OutOfScopeExamples } from '../knowledge/types.js';
import { LANGS, type Lang } from '../knowledge/types.js';
import { scoreExamples } from './evaluate.js';
import { OOS, trainMatcher, type ScoredExample } from './matcher.js';
import type { LabelledExample } from './types.js';

/** One held-out message: its text, intent (or oos), language and fold. */
export interface FoldItem extends LabelledExample {
  lang: Lang | 'oos';
  fold: number;
}

/** A held-out message scored by the matcher trained on the other folds. */
export type HeldOutScore = ScoredExample & FoldItem;

/** Deals each intent's examples of each language round-robin, so that every fold sees every intent; oos messages too. */
export function dealFolds(intents: readonly Intent[], outOfScope: OutOfScopeExamples, folds: number): FoldItem[] {
  const items: FoldItem[] = [];
  for (const intent of intents) {
    for (const lang of LANGS) intent.examples[lang].forEach((text, i) => items.push({ text, intent: intent.id, lang, fold: i % folds }));
  }
  LANGS.flatMap((lang) => outOfScope[lang]).forEach((text, i) => items.push({ text, intent: OOS, lang: 'oos', fold: i % folds }));
  return items;
}

/** Every item scored by the lexical matcher trained like the bot's (intents plus the oos class) on the other folds. */
export function lexicalHeldOut(items: readonly FoldItem[], folds: number): HeldOutScore[] {
  const scored: HeldOutScore[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const test = items.filter((e) => e.fold === fold);
    scoreExamples(trainMatcher(items.filter((e) => e.fold !== fold)), test).forEach((s, i) => scored.push({ ...test[i], ...s }));
  }
  return scored;
}
