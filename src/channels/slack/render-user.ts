/** Block Kit rendering of the bot's messages to users: text in sections, choices as buttons or a select. */
import type { types } from '@slack/bolt';
import type { Choice, UserMessage } from '../contract.js';
import { escapeMrkdwn, plainText } from './escape.js';
import { SECTION_MAX, splitText } from './split-text.js';

/** One chat.postMessage worth of content. */
export interface SlackPost {
  /** Fallback text (notifications, screen readers); escaped like the blocks. */
  text: string;
  blocks: types.KnownBlock[];
}

/** Sections per message: 13 × 3000 stays under the 40,000-character `text` limit and far under 50 blocks. */
const SECTIONS_PER_POST = 13;
/** Up to this many choices are buttons; more become one select menu (a row of buttons wraps badly). */
const MAX_BUTTONS = 5;
/** Slack's limits: 100 options per select, 75 characters per option label, 150 per option value. */
const MAX_OPTIONS = 100;
const OPTION_VALUE_MAX = 150;

/** Prefix of the action ids of choice buttons and of the choice select. */
export const CHOICE_ACTION_PREFIX = 'choice:';
/** Block id of the actions block that carries choices (removed once one is pressed). */
export const CHOICES_BLOCK_ID = 'deskbot_choices';

/** Renders a message to a user as one or more posts; choices go with the last post. */
export function renderUserMessage(message: Pick<UserMessage, 'text' | 'choices'>): SlackPost[] {
  const pieces = escapedPieces(message.text).map(markdownBold);
  const posts: SlackPost[] = [];
  for (let i = 0; i < pieces.length; i += SECTIONS_PER_POST) {
    const group = pieces.slice(i, i + SECTIONS_PER_POST);
    posts.push({ text: group.join('\n'), blocks: group.map(section) });
  }
  const choices = (message.choices ?? []).filter((c) => c.value.length > 0);
  if (choices.length) posts[posts.length - 1].blocks.push(choiceBlock(choices));
  return posts;
}

/** A message's blocks after a choice was made: the choices removed, the chosen option shown. */
export function chosenBlocks(blocks: readonly unknown[] | undefined, label: string): types.KnownBlock[] {
  const kept = (blocks ?? []).filter((b) => (b as { type?: string }).type !== 'actions') as types.KnownBlock[];
  return [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: `✅ *${escapeMrkdwn(plainText(label, 200))}*` }] }];
}

/** Escaped text pieces that each fit a section block, even when escaping made the text longer. */
export function escapedPieces(text: string): string[] {
  const out: string[] = [];
  const visit = (raw: string, max: number) => {
    for (const piece of splitText(raw, max)) {
      const escaped = escapeMrkdwn(piece);
      if (escaped.length <= SECTION_MAX || max < 200) out.push(escaped.slice(0, SECTION_MAX));
      else visit(piece, Math.floor(max / 2));
    }
  };
  visit(text.trim() === '' ? '…' : text, SECTION_MAX);
  return out;
}

/**
 * The knowledge base writes Markdown bold (`**x**`); Slack's mrkdwn uses `*x*`, and only renders it next to
 * spaces or punctuation, so zero-width spaces keep it working inside Korean words ("**설정**에서").
 */
export function markdownBold(text: string): string {
  return text.replace(/\*\*([^*\n]+?)\*\*/g, '\u200B*$1*\u200B');
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function choiceBlock(choices: Choice[]): types.ActionsBlock {
  if (choices.length <= MAX_BUTTONS) {
    return {
      type: 'actions',
      block_id: CHOICES_BLOCK_ID,
      elements: choices.map((c, i) => ({
        type: 'button',
        action_id: `${CHOICE_ACTION_PREFIX}${i}`,
        text: { type: 'plain_text', text: plainText(c.label, 75), emoji: true },
        value: c.value,
      })),
    };
  }
  const options = choices
    .filter((c) => c.value.length <= OPTION_VALUE_MAX)
    .slice(0, MAX_OPTIONS)
    .map((c) => ({ text: { type: 'plain_text' as const, text: plainText(c.label, 75), emoji: true }, value: c.value }));
  return {
    type: 'actions',
    block_id: CHOICES_BLOCK_ID,
    elements: [
      {
        type: 'static_select',
        action_id: `${CHOICE_ACTION_PREFIX}select`,
        placeholder: { type: 'plain_text', text: '선택 / Choose', emoji: true },
        options,
      },
    ],
  };
}
