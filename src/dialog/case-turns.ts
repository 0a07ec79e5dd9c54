/** The dialog's side of turns that do not come from the user: agent actions and the clock. */
import { applyAgentVerb, applyTimer, dueTimer, type CaseChange } from '../cases/lifecycle.js';
import type { SupportCase } from '../cases/types.js';
import type { AgentActionFields, AgentMessage } from '../channels/contract.js';
import { caseSolvedChoices, solvedChoices } from './choices.js';
import { withoutParked } from './other-cases.js';
import { initialState, PHASE, withPhase, type DialogState } from './state.js';
import type { Reply } from './turn.js';
import { formatWhen } from './summary.js';
import type { Lang } from '../knowledge/types.js';
import { AGENTS_LANG, agentTexts, texts } from './texts.js';

/** What an agent action or a timer produced. */
export interface CaseTurnResult {
  /** The requester's conversation after the turn (undefined: unchanged). */
  state?: DialogState;
  caseChanges: CaseChange[];
  agentMessages: AgentMessage[];
  /** Messages to the requester. */
  userReplies: Reply[];
}

/** What the dialog reads of an agent's action: who did what, with which text. */
export type AgentStep = Pick<AgentActionFields, 'verb' | 'text'> & { agent: { id: string } };

/** Applies an agent's action to a case and tells the requester what they need to know (agents in `agentsLang`). */
export function agentTurn(c: SupportCase, conversation: DialogState | undefined, action: AgentStep, now: Date, agentsLang: Lang = AGENTS_LANG): CaseTurnResult {
  const result = applyAgentVerb(c, action.verb, action.agent.id, now, action.text);
  if ('refused' in result) {
    return {
      caseChanges: [],
      userReplies: [],
      agentMessages: [{ kind: 'notice', caseId: c.id, text: agentTexts(agentsLang).refused(action.verb, c.id, c.status, c.verification) }],
    };
  }
  const t = texts(c.lang);
  const next = result.case;
  const owns = conversation?.caseId === c.id ? structuredClone(conversation) : undefined;
  const userReplies: Reply[] = [];
  const agentMessages: AgentMessage[] = [{ kind: 'card', case: next, update: true }];
  let state: DialogState | undefined;
  switch (action.verb) {
    case 'claim':
      userReplies.push({ text: t.agentClaimed(c.id) });
      break;
    case 'reply':
      userReplies.push({ text: t.agentSays(action.text ?? '') });
      if (c.status === 'open') userReplies.unshift({ text: t.agentClaimed(c.id) });
      agentMessages.shift();
      if (c.status === 'open') agentMessages.push({ kind: 'card', case: next, update: true });
      break;
    case 'verify':
      userReplies.push({ text: t.verified });
      break;
    case 'resolve':
      // A case the conversation is not on (parked for a new inquiry) is asked about with buttons that name it.
      userReplies.push({ text: t.resolvedAsk(c.id), choices: owns ? solvedChoices(t) : caseSolvedChoices(c.id, t) });
      if (owns) state = { ...withPhase(owns, PHASE.feedback(c.id, 'solved')), offered: solvedChoices(t) };
      break;
    case 'reopen':
      userReplies.push({ text: t.reopened(c.id) });
      // The conversation follows the reopened case, unless it is busy with another case: that one keeps it.
      if (conversation && !onAnotherCase(conversation, c.id)) state = { ...withPhase(structuredClone(conversation), PHASE.handedOff(c.id)), offered: [] };
      break;
    case 'close':
      userReplies.push({ text: t.closedByAgent(c.id) });
      if (owns) state = endedConversation(owns);
      else if (conversation?.parked?.includes(c.id)) state = withoutParked(conversation, c.id);
      break;
    case 'suggest':
      // Nothing changes for the user or on the card: the agents are told where the suggestion went.
      agentMessages.splice(0, agentMessages.length, { kind: 'notice', caseId: c.id, text: agentTexts(agentsLang).suggested(c.id, c.intent) });
      break;
  }
  return { state, caseChanges: [result], agentMessages, userReplies: tagged(userReplies, c, state ?? conversation) };
}

/** Messages about a case the conversation is not on carry its id in front, so the user knows which inquiry they are about. */
function tagged(replies: Reply[], c: SupportCase, conversation: DialogState | undefined): Reply[] {
  if (conversation?.caseId === c.id) return replies;
  return replies.map((r) => ({ ...r, text: texts(c.lang).caseTag(c.id, r.text) }));
}

/** Fires every timer that is due for a case at `now`: SLA reminder, overdue flag, auto-close. */
export function timerTurn(
  c: SupportCase,
  conversation: DialogState | undefined,
  now: Date,
  opts: { reminderHours: number; autoCloseDays: number; timeZone: string; /** Default AGENTS_LANG. */ agentsLang?: Lang },
): CaseTurnResult | null {
  const outcome = dueTimer(c, now, opts);
  if (!outcome) return null;
  const change = applyTimer(c, outcome, now);
  const agentsLang = opts.agentsLang ?? AGENTS_LANG;
  const forAgents = agentTexts(agentsLang);
  const due = formatWhen(new Date(c.dueAt), agentsLang, opts.timeZone);
  const result: CaseTurnResult = { caseChanges: [change], agentMessages: [], userReplies: [] };
  if (outcome === 'reminder') {
    result.agentMessages.push({ kind: 'notice', caseId: c.id, text: forAgents.reminder(c.id, due), status: c.status });
  } else if (outcome === 'overdue') {
    result.agentMessages.push({ kind: 'notice', caseId: c.id, text: forAgents.overdue(c.id, due), status: c.status });
    result.agentMessages.push({ kind: 'card', case: change.case, update: true });
  } else {
    result.agentMessages.push({ kind: 'notice', caseId: c.id, text: forAgents.autoClosed(c.id), status: 'closed' });
    result.agentMessages.push({ kind: 'card', case: change.case, update: true });
    result.userReplies.push(...tagged([{ text: texts(c.lang).autoClosed(c.id) }], c, conversation));
    if (conversation?.caseId === c.id) result.state = endedConversation(conversation);
    else if (conversation?.parked?.includes(c.id)) result.state = withoutParked(conversation, c.id);
  }
  return result;
}

/** A conversation whose case ended: back to idle, same user and language. */
function endedConversation(s: DialogState): DialogState {
  return { ...initialState(s.channel, s.conversationId, s.userId, s.lang), userName: s.userName, seen: s.seen, ...(s.parked?.length ? { parked: s.parked } : {}) };
}

/** True when the conversation is with an agent about another case, or giving feedback on one. */
function onAnotherCase(conversation: DialogState, caseId: string): boolean {
  return (conversation.phase === 'handed_off' || conversation.phase === 'feedback') && conversation.caseId !== caseId;
}
