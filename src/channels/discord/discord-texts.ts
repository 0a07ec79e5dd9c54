/** The few words the Discord adapter says itself (ephemeral replies), in the user's Discord language. */

const TEXTS = {
  ko: {
    answerHere: '여기에서 답변드릴게요.',
    answerInDm: 'DM으로 답변드릴게요.',
    dmClosed: 'DM을 보낼 수 없어요. 서버의 개인 메시지 허용 설정을 확인하거나 봇을 멘션해 주세요.',
    unknownAction: '이 버튼이나 명령은 더 이상 쓸 수 없어요. /deskbot help 를 입력해 보세요.',
    suggestionSaved: '추천 답변으로 저장했어요.',
  },
  en: {
    answerHere: "I'll answer here.",
    answerInDm: "I'll answer in your DMs.",
    dmClosed: "I can't send you a DM. Allow direct messages from server members, or mention me in a channel.",
    unknownAction: 'This button or command is no longer available. Try /deskbot help.',
    suggestionSaved: 'Saved as a suggested answer.',
  },
} as const;

/** The adapter's texts for a Discord locale (`ko` → Korean, anything else → English). */
export function discordTexts(locale: string | null | undefined): (typeof TEXTS)[keyof typeof TEXTS] {
  return locale?.toLowerCase().startsWith('ko') ? TEXTS.ko : TEXTS.en;
}
