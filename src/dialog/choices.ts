/**
 * The values of the choices (buttons, numbered options) the dialog offers and reads back, named once.
 * They are stored in saved states (`offered`) and sit on buttons already posted, so a value never changes.
 */
import type { Choice } from '../channels/contract.js';
import { DETAIL_NAMES, type DetailName } from '../knowledge/types.js';
import type { texts } from './texts.js';

/** Choices without a parameter. */
export const CHOICE = {
  solved: 'solved',
  notSolved: 'not_solved',
  agent: 'agent',
  noAgent: 'no_agent',
  none: 'none',
  skip: 'skip',
  confirm: 'confirm',
  edit: 'edit',
  cancel: 'cancel',
  goOn: 'go_on',
  /** Send the question the bot just answered to the agent of the open case instead. */
  relayLast: 'relay_last',
} as const;

/** A choice value without a parameter. */
export type FixedChoice = (typeof CHOICE)[keyof typeof CHOICE];

const TOPIC = 'intent:';
const EDIT = 'edit:';
const RATE = 'rate:';
const CASE_SOLVED = 'case-solved:';
const CASE_NOT_SOLVED = 'case-not-solved:';

/** The lowest and highest rating a user can give. */
export const RATINGS = [1, 2, 3, 4, 5] as const;

/** The choice that picks a topic (an intent) from a list. */
export function topicChoice(intentId: string): string {
  return `${TOPIC}${intentId}`;
}

/** The intent a topic choice picks, or undefined when the value is not a topic choice. */
export function topicOfChoice(value: string | undefined): string | undefined {
  return value?.startsWith(TOPIC) ? value.slice(TOPIC.length) : undefined;
}

/** The choice that re-asks one detail from the confirmation summary. */
export function editChoice(name: DetailName): string {
  return `${EDIT}${name}`;
}

/** The detail an edit choice re-asks: undefined when the value is not an edit choice, null when it names no known detail. */
export function detailOfEditChoice(value: string | undefined): DetailName | null | undefined {
  if (!value?.startsWith(EDIT)) return undefined;
  const name = value.slice(EDIT.length);
  return (DETAIL_NAMES as readonly string[]).includes(name) ? (name as DetailName) : null;
}

/** The choice that gives a rating of `stars`. */
export function rateChoice(stars: number): string {
  return `${RATE}${stars}`;
}

/** The rating a rate choice gives, or undefined when the value is not one (an out-of-range number is returned as is). */
export function ratingOfChoice(value: string | undefined): number | undefined {
  return value?.startsWith(RATE) ? Number(value.slice(RATE.length)) : undefined;
}

/** Solved / not solved about one case that is not the conversation's own (a parked one): the choice names it. */
export function caseSolvedChoices(caseId: string, t: Pick<ReturnType<typeof texts>, 'solved' | 'notSolved'>): Choice[] {
  return [
    { value: `${CASE_SOLVED}${caseId}`, label: t.solved },
    { value: `${CASE_NOT_SOLVED}${caseId}`, label: t.notSolved },
  ];
}

/** The case and answer of a caseSolvedChoices value, or undefined when the value is not one. */
export function caseSolvedOfChoice(value: string | undefined): { caseId: string; solved: boolean } | undefined {
  if (value?.startsWith(CASE_SOLVED)) return { caseId: value.slice(CASE_SOLVED.length), solved: true };
  if (value?.startsWith(CASE_NOT_SOLVED)) return { caseId: value.slice(CASE_NOT_SOLVED.length), solved: false };
  return undefined;
}

/** The solved / not solved choices. */
export function solvedChoices(t: Pick<ReturnType<typeof texts>, 'solved' | 'notSolved'>): Choice[] {
  return [
    { value: CHOICE.solved, label: t.solved },
    { value: CHOICE.notSolved, label: t.notSolved },
  ];
}
