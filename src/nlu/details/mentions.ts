/** Finding named things in text, and choosing the one the user means when they correct themselves. */

/** One recognised mention of a value in the text. */
export interface Mention {
  value: string;
  start: number;
  end: number;
  /** Mentions of one family (e.g. "android") can refine each other: a versioned one beats a bare one. */
  family: string;
  versioned: boolean;
}

/** A pattern that recognises mentions; `value` turns a match into the normalised value (null to drop it). */
export interface MentionPattern {
  re: RegExp;
  family: string;
  value: (m: RegExpExecArray) => string | null;
}

/** Every match of every pattern, in text order. Patterns must carry the `g` flag. */
export function findMentions(text: string, patterns: readonly MentionPattern[]): Mention[] {
  const found: Mention[] = [];
  for (const p of patterns) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (m[0].length === 0) {
        p.re.lastIndex += 1;
        continue;
      }
      const value = p.value(m);
      if (value) found.push({ value, start: m.index, end: m.index + m[0].length, family: p.family, versioned: /\d/.test(value) });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

// "iOS가 아니라", "크롬 말고", "와이파이 대신", "아이폰 아니에요" — the mention is what the user takes back.
const NEGATED_AFTER = /^\s*(?:이|가|은|는|을|를|도)?\s*(?:(?:쓰지|사용하지|하지)\s?말고|아니라|아니고|아니구|아니에요|아니예요|아녜요|아니요|아님|아닌데|아니었|말고|대신|빼고)/;
// "not iOS", "isn't Chrome", "instead of Safari", "not on wifi".
// "works on data but not on wifi" names where it fails: that "not" takes nothing back.
const NEGATED_BEFORE = /(?:(?<!\bbut\s|\band\s)\bnot|n't|\bnever|\binstead\s+of|\brather\s+than|\bno\s+longer)\s+(?:(?:on|using|use|an?|the|my|in|from|with|via|over|it's|its|it|is)\s+){0,2}$/i;

/** True when the user says this mention is wrong ("X가 아니라", "X 말고", "not X"). */
export function isNegated(text: string, m: Mention): boolean {
  return NEGATED_AFTER.test(text.slice(m.end, m.end + 16)) || NEGATED_BEFORE.test(text.slice(Math.max(0, m.start - 32), m.start));
}

/**
 * The mention the user means: the last one not taken back; when it carries no version, a versioned
 * mention of the same family wins ("갤럭시 S23 안드로이드 14" → Android 14).
 */
export function pickMention(text: string, mentions: readonly Mention[]): Mention | undefined {
  const kept = mentions.filter((m) => !isNegated(text, m));
  const last = kept[kept.length - 1];
  if (!last || last.versioned) return last;
  const refined = kept.filter((m) => m.family === last.family && m.versioned);
  return refined[refined.length - 1] ?? last;
}

// The word (or time phrase) a user takes back: "어제가 아니라", "5.12.1 말고", "not yesterday,".
const RETRACTED_KO = /(?<![^\s,])[^\s,]{1,30}\s?(?:이|가|은|는|을|를)?\s?(?:아니라|아니고|말고)/g;
const RETRACTED_EN = /(?<![A-Za-z])not\s+(?:on\s+|at\s+|in\s+|since\s+|from\s+)?[^\s,]+(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm))?\s*,?/gi;

/** The text without the values the user takes back, for details read by position rather than by mention. */
export function dropRetracted(text: string): string {
  let out = text;
  if (/아니라|아니고|말고/.test(out)) out = out.replace(RETRACTED_KO, ' ');
  if (/not/i.test(out)) out = out.replace(RETRACTED_EN, ' ');
  return out;
}
