/** The dialog's view of a turn as adapters that show it receive it (see ChannelAdapter.describeTurn). */
import type { TurnMeta } from '../channels/contract.js';
import type { DialogState } from '../dialog/state.js';

/** What the dialog decided a message meant, when the turn came from one. */
interface Decided {
  intent: string | null;
  confidence: number | null;
}

/** The view of a conversation after a turn: its phase, question and details, and the case it is about. */
export function turnMeta(state: DialogState, caseId: string | null, decided: Decided = { intent: null, confidence: null }): TurnMeta {
  return {
    intent: decided.intent,
    confidence: decided.confidence === null ? null : Math.round(decided.confidence * 1000) / 1000,
    state: state.phase,
    asking: state.asking,
    slots: { ...state.slots } as Record<string, string>,
    caseId,
  };
}
