/** The agents' case card: an embed with everything an agent needs, and buttons for the next actions. */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { CaseStatus, SupportCase } from '../../cases/types.js';
import type { AgentVerb } from '../../cases/types.js';
import { cardVerbs, CARD_VERBS, closedByLabel } from '../../cases/lifecycle.js';
import { DETAIL_LABELS } from '../../knowledge/detail-labels.js';
import { DETAIL_NAMES } from '../../knowledge/types.js';
import { escapeUserText, neutralizeMentions } from './escape.js';
import { fitEmbed, LIMITS, truncate } from './limits.js';

/** custom_id prefix of a case button (`case:<verb>:<caseId>`). */
const CASE_BUTTON_PREFIX = 'case:';

const COLORS: Record<CaseStatus, number> = { open: 0x5865f2, claimed: 0xfee75c, resolved: 0x57f287, closed: 0x99aab5 };
const OVERDUE_COLOR = 0xed4245;
const TRANSCRIPT_LINES = 8;
const USER_LINE_CHARS = 300;
const BOT_LINE_CHARS = 120;

/** The message body of a case card: one embed and one row of buttons. */
export function caseCard(c: SupportCase): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponentWithCustomId>[] } {
  const buttons = caseButtons(c);
  return { embeds: [caseEmbed(c)], components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [] };
}

/** The embed of a case card, kept within Discord's embed limits. */
export function caseEmbed(c: SupportCase): APIEmbed {
  const labels = DETAIL_LABELS.en;
  const fields: APIEmbedField[] = [
    { name: 'Status', value: `${c.status === 'closed' ? closedByLabel(c) : c.status}${c.assignee ? ` · ${person(c.assignee)}` : ''}${c.overdueAt ? ' · **OVERDUE**' : ''}`, inline: true },
    { name: 'Language', value: c.lang, inline: true },
    { name: 'Verification', value: c.verification, inline: true },
    { name: 'Requester', value: requester(c), inline: true },
    { name: 'Due', value: `${timestamp(c.dueAt)}${c.peak ? ' · opened at peak time' : ''}`, inline: true },
    { name: 'Opened', value: timestamp(c.createdAt), inline: true },
  ];
  for (const name of DETAIL_NAMES) {
    const value = c.details[name];
    if (value === undefined) continue;
    // A time shows in each reader's own zone; a date without a time ("2026-11-22") stays as it is.
    const shown = name === 'occurred_at' && /T/.test(value) && !Number.isNaN(Date.parse(value)) ? timestamp(value) : escapeUserText(value);
    fields.push({ name: labels[name], value: shown, inline: true });
  }
  if (c.answersTried.length) fields.push({ name: 'Answers already tried', value: c.answersTried.map(escapeUserText).join(', ') });
  if (c.files.length) fields.push({ name: 'Files', value: c.files.map((f) => (f.url ? `[${escapeUserText(f.name)}](${f.url})` : escapeUserText(f.name))).join('\n') });
  if (c.rating !== null) fields.push({ name: 'Rating', value: `${c.rating}/5${c.ratingComment ? ` — ${escapeUserText(c.ratingComment)}` : ''}` });
  return fitEmbed({
    title: `${c.id} · ${c.intent}`,
    description: description(c),
    color: c.overdueAt && c.status !== 'closed' ? OVERDUE_COLOR : COLORS[c.status],
    fields,
    footer: { text: `deskbot case ${c.id} · route ${c.route}` },
    timestamp: c.updatedAt,
  });
}

/** The case's buttons (cardVerbs: each verb the lifecycle accepts now). */
export function caseButtons(c: SupportCase): APIButtonComponentWithCustomId[] {
  type CaseButtonStyle = APIButtonComponentWithCustomId['style'];
  const style: Partial<Record<AgentVerb, CaseButtonStyle>> = { claim: ButtonStyle.Primary, resolve: ButtonStyle.Success, close: ButtonStyle.Danger };
  return cardVerbs(c).map((verb) => ({
    type: ComponentType.Button,
    style: style[verb] ?? ButtonStyle.Secondary,
    label: verb[0].toUpperCase() + verb.slice(1),
    custom_id: truncate(`${CASE_BUTTON_PREFIX}${verb}:${c.id}`, LIMITS.customId),
  }));
}

/** Reads a case button's custom_id; undefined for any other component. */
export function parseCaseButton(customId: string): { verb: AgentVerb; caseId: string } | undefined {
  const m = /^case:([a-z]+):(.+)$/.exec(customId);
  const verb = CARD_VERBS.find((v) => v === m?.[1]);
  return m && verb ? { verb, caseId: m[2] } : undefined;
}

/** The name of a case's thread; it starts with the case id so agents can search for it. */
export function caseThreadName(c: SupportCase): string {
  return truncate(`${c.id} · ${c.intent}`, LIMITS.threadName);
}

function description(c: SupportCase): string {
  const lines = [c.summary ? escapeUserText(c.summary) : '-'];
  // The summary already shows the first user message; the bot's long answers are cut short (agents know them).
  const tail = c.transcript.slice(-TRANSCRIPT_LINES).filter((t, i) => !(i === 0 && t.from === 'user' && t.text === c.summary));
  if (tail.length) {
    lines.push('', '**Conversation**');
    for (const t of tail) {
      const flat = t.text.replace(/\s+/g, ' ');
      const shown = t.from === 'bot' ? neutralizeMentions(truncate(flat, BOT_LINE_CHARS)) : truncate(escapeUserText(flat), USER_LINE_CHARS);
      lines.push(`> **${t.from}**: ${shown}`);
    }
  }
  return lines.join('\n');
}

function requester(c: SupportCase): string {
  const r = c.requester;
  const name = escapeUserText(r.name ?? r.userId);
  return r.channel === 'discord' && /^\d+$/.test(r.userId) ? `${name} (<@${r.userId}>)` : `${name} on ${r.channel}`;
}

/** An agent: a Discord user mention when it is a Discord id (embeds never ping), else the name as text. */
function person(id: string): string {
  return /^\d{15,21}$/.test(id) ? `<@${id}>` : escapeUserText(id);
}

/** A Discord timestamp: each agent sees it in their own time zone. */
function timestamp(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return Number.isNaN(seconds) ? escapeUserText(iso) : `<t:${seconds}:f> (<t:${seconds}:R>)`;
}
