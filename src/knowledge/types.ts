/** Types of the knowledge base: intents as loaded from intents/*.yaml. */

/** A language the bot understands and answers in. */
export type Lang = 'ko' | 'en';

/** Every language the knowledge base must cover. */
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** Every intent kind, in catalog order. */
export const INTENT_KINDS = ['faq', 'diagnostic', 'handoff', 'smalltalk', 'system'] as const;

/** How the dialog treats an intent (see shared/spec/intent-catalog.md). */
export type IntentKind = (typeof INTENT_KINDS)[number];

/** Every diagnostic detail (slot) an intent may ask for. */
export const DETAIL_NAMES = [
  'occurred_at',
  'error_message',
  'device',
  'os',
  'browser',
  'app_version',
  'network',
  'steps_tried',
  'account_id',
  'order_ref',
  'url',
] as const;

/** The name of a diagnostic detail. */
export type DetailName = (typeof DETAIL_NAMES)[number];

/** Text in both languages. */
export type Localized = Record<Lang, string>;

/** One intent of the knowledge base, validated. */
export interface Intent {
  id: string;
  kind: IntentKind;
  /** Short topic name shown in choices ("비밀번호 재설정" / "Password reset"). */
  title: Localized;
  /** Training utterances per language. */
  examples: Record<Lang, string[]>;
  /** The answer, with {{variables}} still unfilled; empty for system intents handled by the dialog. */
  answer: Localized;
  /** Details to collect before opening a case, in asking order. */
  details: DetailName[];
  /** Whether the case needs an identity check by an agent. */
  verify: boolean;
  /** The agents' route for cases of this intent; null uses the default route. */
  route: string | null;
  /** The YAML file the intent came from (for error messages). */
  file: string;
}

/** Messages the bot must not claim to understand, per language: they train the matcher's "none of these" class. */
export type OutOfScopeExamples = Record<Lang, string[]>;
