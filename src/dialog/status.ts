/** Status questions ("내 문의 어떻게 됐어요?", "K7P-4QX 상태요?"): the user's cases, in any phase. */
import type { SupportCase } from '../cases/types.js';
import { keepStatusPrivate } from './privacy.js';
import { formatCaseStatus } from './summary.js';
import { SYSTEM_INTENT } from './system-intents.js';
import { act, say, userTexts, type Turn } from './turn.js';

/** Words and marks that make a message a question. */
export const QUESTION_LIKE = /[?？]|뭐|무엇|어떻게|언제|어디|왜|얼마|나요|까요|\b(how|what|when|where|why|can|could|is|are|do|does)\b/i;
// A status command without a question mark ("진행 상황", "내 문의 상태 알려주세요") is short; longer text is for the agent.
const STATUS_COMMAND_MAX_CHARS = 30;
const MAX_LISTED = 5;

/** True when the message asks about the user's cases ("내 문의 어떻게 됐어요?", "진행 상황", "K7P-4QX 상태요?"). */
export function asksStatus(t: Turn): boolean {
  const u = t.u;
  if (u.shape !== 'text' || (!u.caseIdMention && u.match.intent !== SYSTEM_INTENT.caseStatus)) return false;
  if (QUESTION_LIKE.test(u.text)) return true;
  const confident = u.match.intent === SYSTEM_INTENT.caseStatus && !u.match.ambiguous && u.match.confidence >= t.env.digressionConfidence;
  return confident && u.text.length <= STATUS_COMMAND_MAX_CHARS;
}

/** Tells the user where one case stands (the phase does not change). */
export function caseStatus(t: Turn, c: SupportCase): void {
  t.decided = { intent: SYSTEM_INTENT.caseStatus, confidence: t.decided.confidence ?? 1 };
  act(t, 'smalltalk');
  keepStatusPrivate(t);
  say(t, formatCaseStatus(c, t.env.catalog.byId(c.intent)?.title[t.s.lang] ?? c.intent, t.s.lang, t.env.timeZone));
}

/** Tells the user where their cases stand (or the one they named); the phase does not change. */
export function status(t: Turn): void {
  const { s, u, ctx, env } = t;
  const tx = userTexts(t);
  t.decided = { intent: SYSTEM_INTENT.caseStatus, confidence: t.decided.confidence ?? 1 };
  act(t, 'smalltalk');
  // The user's cases are nobody else's business: asked in a channel, the answer goes to their DM.
  keepStatusPrivate(t);
  const describe = (c: SupportCase) => formatCaseStatus(c, env.catalog.byId(c.intent)?.title[s.lang] ?? c.intent, s.lang, env.timeZone);
  if (u.caseIdMention) {
    if (!ctx.mentionedCase) return say(t, tx.statusNotFound(u.caseIdMention));
    return say(t, describe(ctx.mentionedCase));
  }
  const cases = (ctx.userCases ?? []).slice(0, MAX_LISTED);
  if (cases.length === 0) return say(t, tx.statusNone);
  say(t, [tx.statusHeader, ...cases.map((c) => `• ${describe(c)}`)].join('\n'));
}
