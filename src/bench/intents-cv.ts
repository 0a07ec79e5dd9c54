/**
 * Cross-validation of the shipped knowledge base (intents/: Korean and English examples, and the out-of-scope
 * examples of _out_of_scope.yaml), and the out-of-scope threshold this suggests for config; with a sentence
 * encoder, the same folds score the fused matcher, and the pooled scores choose its weight, threshold and
 * mixed-message route (DEFAULT_FUSION).
 */
import { loadIntentsDir } from '../knowledge/load.js';
import { LANGS, type Lang } from '../knowledge/types.js';
import { chooseFusion, scoreAsTheBot, scorePairs, trainPair, type Embed, type ScoredPair } from '../nlu/evaluate-fusion.js';
import { dealFolds, lexicalHeldOut, type FoldItem } from '../nlu/cross-validation.js';
import { accuracyAt } from '../nlu/evaluate.js';
import { DEFAULT_FUSION, type FusionParams } from '../nlu/fusion.js';
import { chooseThreshold, DEFAULT_THRESHOLD, OOS, type ScoredExample } from '../nlu/matcher.js';

/** The cross-validation figures. */
export interface IntentsCvResult {
  folds: number;
  intents: number;
  examples: number;
  oosMessages: number;
  /** Share of held-out examples whose best guess is their intent (0-1), overall and per language. */
  accuracy: number;
  accuracyByLang: Record<Lang, number>;
  /** Threshold with the best accuracy when out-of-scope counts as a class: the suggested NLU_THRESHOLD. */
  threshold: number;
  /** In-scope accuracy and oos recall at that threshold (0-1). */
  inScopeAccuracy: number;
  oosRecall: number;
  /** The same for the fused matcher (with an encoder), and the fusion chosen. */
  fused?: Omit<IntentsCvResult, 'folds' | 'intents' | 'examples' | 'oosMessages' | 'fused'> & { params: FusionParams };
}

/** How the cross-validation is run. */
export interface IntentsCvOptions {
  folds?: number;
  /** Vectors of the sentence encoder (through a cache); without it only the lexical matcher is cross-validated. */
  embed?: Embed;
  languages?: readonly Lang[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

type LangScored = ScoredExample & { lang: FoldItem['lang'] };

function figures(scored: LangScored[], threshold: number) {
  const inScope = scored.filter((s) => s.gold !== OOS);
  const right = (list: ScoredExample[]) => (list.length === 0 ? 0 : list.filter((s) => s.predicted === s.gold).length / list.length);
  const at = accuracyAt(scored, threshold);
  return {
    accuracy: right(inScope),
    accuracyByLang: { ko: right(inScope.filter((s) => s.lang === 'ko')), en: right(inScope.filter((s) => s.lang === 'en')) },
    threshold,
    inScopeAccuracy: at.inScopeAccuracy,
    oosRecall: at.oosRecall ?? 0,
  };
}

/**
 * k-fold cross-validation, stratified by intent and language: each fold is scored by a model trained like the
 * bot's (intents plus the out-of-scope class) on the other folds, so every example and oos message is scored once.
 */
export async function benchIntentsCrossValidation(intentsDir: string, out: (line: string) => void, options: IntentsCvOptions = {}): Promise<IntentsCvResult> {
  const folds = options.folds ?? 5;
  const languages = options.languages ?? ['en'];
  const { intents, outOfScope, problems } = await loadIntentsDir(intentsDir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) out(`(intents/ has ${errors.length} error(s); cross-validating the ${intents.length} valid intents)`);
  const items = dealFolds(intents, outOfScope, folds);
  const oos = LANGS.flatMap((lang) => outOfScope[lang]);

  const scored: LangScored[] = options.embed ? [] : lexicalHeldOut(items, folds);
  const pairs: (ScoredPair & { lang: FoldItem['lang'] })[] = [];
  let labels: readonly string[] = [];
  for (let fold = 0; fold < folds && options.embed; fold++) {
    const train = items.filter((e) => e.fold !== fold);
    const test = items.filter((e) => e.fold === fold);
    const pair = await trainPair(train, options.embed, { languages });
    labels = pair.classifiers.labels;
    (await scorePairs(pair, test, options.embed, languages)).forEach((s, i) => {
      pairs.push({ ...s, lang: test[i].lang });
      scored.push({ ...s.lexical, lang: test[i].lang });
    });
  }
  const threshold = chooseThreshold(scored);
  const result: IntentsCvResult = { folds, intents: intents.length, examples: scored.filter((s) => s.gold !== OOS).length, oosMessages: oos.length, ...figures(scored, threshold) };
  const rows: [string, Omit<IntentsCvResult, 'fused'>][] = [['lexical', result]];
  if (options.embed) {
    const { params } = chooseFusion(pairs, labels);
    // The held-out messages as a bot with these fusion params and lexical threshold scores them.
    const asBot = (fusion: FusionParams, lexicalThreshold: number) =>
      figures(scoreAsTheBot(pairs, fusion, labels, lexicalThreshold).map((s, i) => ({ ...s, lang: pairs[i].lang })), lexicalThreshold);
    result.fused = { ...asBot(params, threshold), params };
    rows.push([`fused, chosen here (lexical weight ${params.weight}, regression weight ${params.regressionWeight}, fused threshold ${params.threshold.toFixed(3)}, mixed → ${params.mixed})`, { ...result, ...result.fused }]);
    // What the bot ships may be an earlier choice: its figures on the same folds, with its own lexical threshold
    // (NLU_THRESHOLD's default), so the two can be compared.
    rows.push([`fused as shipped (DEFAULT_FUSION: lexical weight ${DEFAULT_FUSION.weight}, regression weight ${DEFAULT_FUSION.regressionWeight}, fused threshold ${DEFAULT_FUSION.threshold.toFixed(3)}; NLU_THRESHOLD ${DEFAULT_THRESHOLD})`, { ...result, ...asBot(DEFAULT_FUSION, DEFAULT_THRESHOLD) }]);
  }
  out(`| matcher | folds | intents | examples (ko+en) | top-1 acc | ko | en | oos messages | threshold | in-scope acc | oos recall |`);
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, r] of rows) {
    out(
      `| ${name} | ${folds} | ${result.intents} | ${result.examples} | ${pct(r.accuracy)} | ${pct(r.accuracyByLang.ko)} | ${pct(r.accuracyByLang.en)} | ${result.oosMessages} | ${r.threshold.toFixed(3)} | ${pct(r.inScopeAccuracy)} | ${pct(r.oosRecall)} |`,
    );
  }
  const curve = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7].map((t) => {
    const a = accuracyAt(scored, t);
    return `${t.toFixed(2)}: ${pct(a.inScopeAccuracy)} / ${pct(a.oosRecall ?? 0)}`;
  });
  out('');
  out(`Trade-off (threshold: in-scope acc / oos recall): ${curve.join(', ')}`);
  return result;
}
