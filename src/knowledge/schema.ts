/** The schema of one intents/<id>.yaml file: what is an error (here) and the quality bars that are only warnings. */
import { z } from 'zod';
import { DETAIL_NAMES, INTENT_KINDS } from './types.js';

/** Intent ids: lowercase words joined by dots, at least two parts ("mail.spam", "account.password_reset"). */
export const ID_PATTERN = /^[a-z]+(\.[a-z_]+)+$/;

/** Route names as operators write them in ROUTES (default=console,account=slack:C0123). */
export const ROUTE_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** Every field of an intent file, in the order the files list them. */
export const INTENT_FIELDS = ['id', 'kind', 'title', 'details', 'verify', 'route', 'examples', 'answer'] as const;

/** Fields whose value holds one entry per language. */
export const LOCALIZED_FIELDS = ['title', 'examples', 'answer'] as const;

/** Fewer examples than this per language is a warning: the matcher learns an intent from its examples. */
export const RECOMMENDED_EXAMPLES = 15;

const text = z.string().trim().min(1);

const localizedText = z.strictObject({ ko: text, en: text });

const examples = z.strictObject({ ko: z.array(text).min(1), en: z.array(text).min(1) });

/** One intent file as written; `file` is added by the loader. */
export const intentFileSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, {
    error: 'id must be lowercase words joined by dots (letters and _ only), like "account.password_reset"',
  }),
  kind: z.enum(INTENT_KINDS),
  title: localizedText,
  details: z.array(z.enum(DETAIL_NAMES)),
  verify: z.boolean(),
  route: z.string().regex(ROUTE_PATTERN, { error: 'route must be a lowercase route name like "account", or null for the default route' }).nullable(),
  examples,
  answer: localizedText,
});

/** intents/_out_of_scope.yaml as written: only examples, in both languages (either list may be empty). */
export const outOfScopeFileSchema = z.strictObject({
  examples: z.strictObject({ ko: z.array(text), en: z.array(text) }),
  /** Other companies' services, as people write their names: a message about one is out of scope however it reads. */
  services: z.strictObject({ ko: z.array(text), en: z.array(text) }).optional(),
});
