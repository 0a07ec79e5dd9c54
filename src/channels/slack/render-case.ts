/** Block Kit rendering of the agents' side (case cards, relays, notices) and of the users' App Home. */
import type { types } from '@slack/bolt';
import { cardVerbs, closedByLabel } from '../../cases/lifecycle.js';
import type { FileRef, SupportCase, TranscriptEntry } from '../../cases/types.js';
import { escapeMrkdwn, mrkdwnLink, plainText } from './escape.js';
import { escapedPieces, type SlackPost } from './render-user.js';

/** Prefix of the action ids of the case buttons (`case:claim`, ...); the button value is the case id. */
export const CASE_ACTION_PREFIX = 'case:';
/** Verbs agents can press on a card. */

const STATUS_ICON: Record<SupportCase['status'], string> = { open: '🆕', claimed: '🙋', resolved: '✅', closed: '🔒' };
const TRANSCRIPT_LINES = 10;
const LINE_MAX = 300;
/** Slack allows 2000 characters per section field. */
const FIELD_MAX = 1900;

/** The case card agents see in their channel, with the buttons that fit the case's status. */
export function renderCaseCard(c: SupportCase): SlackPost {
  const requester = `${escapeMrkdwn(c.requester.name ?? c.requester.userId)} · ${c.requester.channel} \`${escapeMrkdwn(c.requester.userId)}\``;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: plainText(`${STATUS_ICON[c.status]} ${c.id} · ${c.intent}`, 150), emoji: true } },
    {
      type: 'section',
      fields: [
        field('Case', `\`${escapeMrkdwn(c.id)}\``),
        field('Status', `${c.status === 'closed' ? closedByLabel(c) : c.status}${c.assignee ? ` · ${agentMention(c.assignee)}` : ''}`),
        field('Intent', escapeMrkdwn(c.intent)),
        field('Language', c.lang),
        field('Requester', requester),
        field('Due', `${slackDate(c.dueAt)}${c.overdueAt ? ' · *OVERDUE*' : ''}${c.peak ? ' · opened at peak time' : ''}`),
        field('Verification', c.verification),
      ],
    },
  ];
  blocks.push(textSection(`*Summary*\n${escapeMrkdwn(clip(c.summary || '-', 1500))}`));
  const details = Object.entries(c.details);
  if (details.length) blocks.push(textSection(`*Details*\n${details.map(([k, v]) => `• ${escapeMrkdwn(k)}: ${escapeMrkdwn(clip(String(v), 200))}`).join('\n')}`));
  if (c.answersTried.length) blocks.push(textSection(`*Answers already tried*\n${c.answersTried.map((a) => `• ${escapeMrkdwn(a)}`).join('\n')}`));
  if (c.files.length) blocks.push(textSection(`*Files*\n${filesLine(c.files)}`));
  if (c.rating !== null) blocks.push(textSection(`*Rating:* ${c.rating}/5${c.ratingComment ? ` — ${escapeMrkdwn(clip(c.ratingComment, 500))}` : ''}`));
  if (c.transcript.length) blocks.push(textSection(`*Transcript (latest)*\n${transcriptExcerpt(c.transcript)}`));
  const buttons = cardButtons(c);
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'deskbot_case', elements: buttons });
  const text = `${STATUS_ICON[c.status]} Case ${c.id} — ${escapeMrkdwn(c.intent)} (${c.lang}) — ${c.status}: ${escapeMrkdwn(clip(c.summary || '-', 300))}`;
  return { text, blocks };
}

/** A relayed message in the card's thread: who wrote it, the text, any files. */
export function renderRelay(from: string, text: string, files: readonly FileRef[] = []): SlackPost {
  const pieces = escapedPieces(text);
  pieces[0] = clipEscaped(`💬 *${escapeMrkdwn(plainText(from, 80))}*: ${pieces[0]}`);
  const blocks: types.KnownBlock[] = pieces.slice(0, 40).map(textSection);
  if (files.length) blocks.push(textSection(`📎 ${filesLine(files)}`));
  return { text: clipEscaped(`${escapeMrkdwn(plainText(from, 80))}: ${escapeMrkdwn(clip(text, 3000))}`), blocks };
}

/** A notice in the card's thread (status changes, reminders). */
export function renderNotice(text: string): SlackPost {
  const pieces = escapedPieces(text);
  pieces[0] = clipEscaped(`ℹ️ ${pieces[0]}`);
  return { text: clipEscaped(`ℹ️ ${escapeMrkdwn(clip(text, 3000))}`), blocks: pieces.slice(0, 40).map(textSection) };
}

/** The App Home view: the user's open cases, then recent closed ones. */
export function renderHome(cases: readonly SupportCase[]): types.HomeView {
  const open = cases.filter((c) => c.status === 'open' || c.status === 'claimed');
  const recent = cases.filter((c) => c.status === 'resolved' || c.status === 'closed').slice(0, 10);
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: '내 문의 / My inquiries', emoji: true } },
    textSection('DM으로 질문하시면 바로 답해 드려요. `/deskbot help` · Ask me anything in a DM.'),
    { type: 'divider' },
    textSection(`*진행 중 / Open* (${open.length})`),
  ];
  if (!open.length) blocks.push(textSection('_없음 / None_'));
  for (const c of open.slice(0, 20)) blocks.push(textSection(caseLine(c)));
  blocks.push({ type: 'divider' }, textSection(`*최근 / Recent* (${recent.length})`));
  if (!recent.length) blocks.push(textSection('_없음 / None_'));
  for (const c of recent) blocks.push(textSection(caseLine(c)));
  return { type: 'home', blocks };
}

function caseLine(c: SupportCase): string {
  const due = c.status === 'open' || c.status === 'claimed' ? ` · due ${slackDate(c.dueAt)}` : '';
  return `${STATUS_ICON[c.status]} \`${escapeMrkdwn(c.id)}\` · ${escapeMrkdwn(c.intent)} · ${c.status}${due}\n${escapeMrkdwn(clip(c.summary || '-', 200))}`;
}

/** Agents act from Slack, so the assignee is a Slack user: show their name (an edit of the card notifies nobody). */
function agentMention(id: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

function cardButtons(c: SupportCase): types.Button[] {
  // Claiming a claimed case is allowed: another agent takes it over.
  const labels = { claim: c.status === 'claimed' ? 'Take over' : 'Claim', verify: 'Verify', resolve: 'Resolve', reopen: 'Reopen', close: 'Close' };
  return cardVerbs(c).map((v) => ({
    type: 'button',
    action_id: `${CASE_ACTION_PREFIX}${v}`,
    text: { type: 'plain_text', text: labels[v] },
    value: c.id,
    ...(v === 'claim' && c.status === 'open' ? { style: 'primary' as const } : {}),
  }));
}

function transcriptExcerpt(entries: readonly TranscriptEntry[]): string {
  const lines = entries.slice(-TRANSCRIPT_LINES).map((t) => `*${t.from}*: ${escapeMrkdwn(clip(t.text.replace(/\s+/g, ' '), LINE_MAX))}`);
  return clipEscaped(lines.join('\n'), 2800);
}

function filesLine(files: readonly FileRef[]): string {
  return clipEscaped(files.slice(0, 20).map((f) => mrkdwnLink(f.url, f.name)).join(', '), 2800);
}

function field(label: string, value: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clipEscaped(`*${label}*\n${value}`, FIELD_MAX) };
}

function textSection(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clipEscaped(text) } };
}

/** Slack renders this in each viewer's own time zone; the ISO text is the fallback. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(iso);
  return `<!date^${seconds}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Clips already escaped text without cutting an entity (`&amp;`) or a `<…>` link in half. */
function clipEscaped(text: string, max = 3000): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  cut = cut.replace(/&[a-z]{0,4}$/i, '').replace(/<[^>]*$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
