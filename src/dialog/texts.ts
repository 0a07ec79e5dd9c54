/** Everything the dialog says, in Korean and English: to users, and to agents about their cases. */
import { DETAIL_LABELS } from '../knowledge/detail-labels.js';
import type { AgentVerb, CaseStatus, ChannelName, VerificationStatus } from '../cases/types.js';
import type { DetailName, Lang } from '../knowledge/types.js';

type Texts = typeof ko;

const ko = {
  greeting: '안녕하세요! 고객센터 도우미 deskbot이에요. 궁금한 점이나 불편한 점을 편하게 적어 주세요.',
  askSolved: '이 답변으로 해결되었나요?',
  solved: '해결됐어요',
  notSolved: '아직 안 돼요',
  newQuestionOrNotSolved: '앞의 답변으로 해결되지 않았다는 말씀인가요, 아니면 새로운 질문인가요?',
  gladSolved: '해결되었다니 다행이에요. 더 궁금한 점이 있으면 언제든 말씀해 주세요.',
  notSolvedNoDetails: '도움이 되지 못해 죄송해요. 상담원에게 1:1 문의로 연결해 드릴까요?',
  connectHuman: '상담원 연결',
  noThanks: '괜찮아요',
  okNoHuman: '알겠어요. 다른 궁금한 점이 있으면 말씀해 주세요.',
  collectIntro: '상담원이 바로 확인할 수 있도록 몇 가지만 여쭤볼게요. 언제든 "취소"라고 하시면 멈출게요.',
  oos: '죄송해요, 그 내용은 제가 도와드리기 어려워요.',
  noneFits: '알겠어요, 그 주제들은 아니군요. 다른 말로 다시 설명해 주시면 다시 찾아볼게요.',
  oosClosest: '혹시 아래 주제 중 하나인가요?',
  oosHuman: '원하시면 상담원에게 1:1 문의로 연결해 드릴 수도 있어요.',
  clarify: '어떤 내용인지 조금 헷갈려요. 아래 중 어떤 것을 말씀하신 건가요?',
  noneOfThese: '둘 다 아니에요',
  askProblem: '상담원에게 연결해 드릴게요. 어떤 문제인지 한두 문장으로 알려주시겠어요?',
  cancelled: '문의 접수를 취소했어요. 입력하신 내용은 접수되지 않았어요. 다른 도움이 필요하면 말씀해 주세요.',
  nothingToCancel: '지금 취소할 진행 중인 접수가 없어요.',
  dontKnowNoted: '괜찮아요, 모름으로 적어 둘게요.',
  unusable: '잘 이해하지 못했어요. 다시 한 번 알려주시겠어요?',
  resume: '이어서 여쭤볼게요.',
  switchTopic: (other: string, question: string) => `${other} 문의로 바꿀까요? 아니면 하던 문의를 이어서 진행할게요: ${question}`,
  switchTo: (other: string) => `${other}(으)로 바꾸기`,
  goOn: '이어서 진행',
  noted: (what: string) => `알겠어요, 적어 둘게요 (${what}).`,
  filesKept: '파일을 받았어요. 문의에 함께 전달할게요.',
  confirmIntro: '접수 전에 내용을 확인해 주세요.',
  confirmQuestion: '이대로 접수할까요?',
  confirm: '접수하기',
  edit: '수정하기',
  cancel: '취소',
  whichEdit: '어떤 항목을 고칠까요?',
  receipt: (id: string) => `1:1 문의가 접수되었어요. 접수번호는 **${id}** 입니다.`,
  due: (when: string, hours: number) => `영업시간 기준 ${hours}시간 이내, ${when}까지 답변드릴 예정이에요.`,
  peak: '지금은 문의가 많은 시간대라 답변이 조금 늦어질 수 있어요.',
  verifyNote: '계정·결제 관련 문의라 상담원이 본인 확인을 먼저 진행해요. 저희는 비밀번호를 절대 묻지 않아요.',
  afterReceipt: '이 대화에 남기시는 말씀은 담당 상담원에게 그대로 전달돼요.',
  movedToDirect: '본인 확인이나 계정·주문 정보가 필요한 문의라, 개인정보 보호를 위해 DM으로 이어갈게요. DM을 확인해 주세요.',
  continuedInDirect: '공개 채널에서 말씀하신 문의를 여기 DM에서 이어갈게요.',
  statusInDirect: '문의 현황은 개인정보라 DM으로 보내드렸어요.',
  otherService: (name: string) => `${name} 관련 문의는 ${name} 고객센터에서 도와드릴 수 있어요. 여기서는 ${name} 계정이나 주문, 결제를 확인할 수 없어요. 저희 서비스에 대한 문의라면 조금 더 자세히 말씀해 주세요.`,
  statusFromPublic: '공개 채널에서 물어보신 문의 현황이에요.',
  statusNeedsDirect: '문의 현황은 공개 채널에서 보여드리지 않아요. 저에게 DM으로 물어봐 주세요.',
  directUnavailable: '본인 확인이나 계정·주문 정보가 필요한 문의라 공개 채널에서는 진행하지 않아요. 저에게 DM으로 다시 말씀해 주세요.',
  directBusy: '본인 확인이나 계정·주문 정보가 필요한 문의라 DM에서 이어가야 하는데, DM에서 이미 진행 중인 문의가 있어요. 그 문의를 마친 뒤 DM으로 말씀해 주세요.',
  agentClaimed: (case_: string) => `상담원이 문의 ${case_}를 확인하기 시작했어요.`,
  agentSays: (text: string) => `상담원: ${text}`,
  verified: '본인 확인이 완료되었어요.',
  resolvedAsk: (id: string) => `상담원이 문의 ${id}를 해결됨으로 표시했어요. 문제가 해결되었나요?`,
  askRating: '상담은 어떠셨나요? 1점(아쉬워요)부터 5점(최고예요)까지 골라 주세요.',
  askComment: '감사합니다! 남기고 싶은 한마디가 있으면 적어 주세요. 없으면 "건너뛰기"를 눌러 주세요.',
  skip: '건너뛰기',
  closedThanks: (id: string) => `소중한 의견 감사합니다. 문의 ${id}를 종료했어요.`,
  reopened: (id: string) => `문의 ${id}를 다시 열었어요. 담당 상담원이 이어서 도와드릴게요.`,
  closedByAgent: (id: string) => `문의 ${id}가 종료되었어요. 다른 도움이 필요하면 언제든 말씀해 주세요.`,
  autoClosed: (id: string) => `답변이 없어 문의 ${id}를 종료했어요. 같은 문제가 계속되면 다시 말씀해 주세요.`,
  withdrawn: (id: string) => `문의 ${id}를 취소했어요.`,
  stillWithAgent: (id: string) =>
    `문의 ${id}가 아직 상담원과 진행 중이에요. 여기 남기시는 메시지는 상담원에게 전달돼요. 다른 문제는 새 문의로 따로 접수할 수 있고, "취소"라고 하시면 이 문의를 철회해요.`,
  statusNone: '아직 접수하신 문의가 없어요.',
  statusHeader: '문의 현황이에요.',
  statusNotFound: (id: string) => `접수번호 ${id}에 해당하는 문의를 찾을 수 없어요.`,
  help: '저는 도움말 질문에 답하고, 해결되지 않으면 1:1 문의를 접수해 상담원에게 연결해 드려요. "내 문의 어떻게 됐어요?"라고 물으시면 진행 상황을 알려드려요.',
  newInquiry: '새 문의를 시작할게요. 어떤 문제가 있으신가요?',
  caseTag: (id: string, text: string) => `[${id}] ${text}`,
  writeToCase: (channel: ChannelName, id: string) =>
    channel === 'slack'
      ? `문의 ${id}에 덧붙일 말은 [${id}] 메시지나 접수 안내의 스레드에 답글로 남겨 주세요.`
      : channel === 'discord'
        ? `문의 ${id}에 덧붙일 말은 [${id}] 메시지나 접수 안내에 답장(Reply)으로 남겨 주세요.`
        : `문의 ${id}에 덧붙일 말은 /case ${id} 내용 처럼 보내 주세요.`,
  parkedForNew: (id: string, how: string) => `문의 ${id}는 그대로 진행돼요. 상담원 답변은 [${id}] 표시와 함께 여기로 와요. ${how}\n새 문의를 시작할게요. 어떤 문제가 있으신가요?`,
  answeredBesideCase: (id: string) => `(이 질문은 제가 답했고, 문의 ${id}의 상담원에게는 보내지 않았어요. 상담원에게 보내려면 아래 버튼을 눌러 주세요.)`,
  sendToAgent: '상담원에게 보내기',
  newInquiryLabel: '새 문의 시작',
  sentToCase: (id: string) => `문의 ${id}의 상담원에게 전달했어요.`,
  notYourOpenCase: (id: string) => `접수번호 ${id}의 진행 중인 문의가 없어요. "내 문의 어떻게 됐어요?"라고 물으시면 문의 현황을 알려드려요.`,
  empty: '메시지가 비어 있어요. 궁금한 점을 글로 적어 주세요.',
  noWords: '무엇을 도와드릴까요? 궁금한 점을 글로 적어 주세요.',
  tooLong: (max: number) => `메시지가 너무 길어요(최대 ${max}자). 핵심 내용만 나누어 보내 주세요.`,
  slowDown: '메시지를 아주 빠르게 보내고 계세요. 보내신 내용은 모두 문의 기록에 저장되고 있고, 상담원에게는 한꺼번에 알려드릴게요. 천천히 보내 주세요.',
  cutForAgent: (max: number) => `메시지가 길어서 앞부분 ${max}자만 상담원에게 전달했어요. 나머지는 나누어 보내거나 파일로 첨부해 주세요.`,
  sensitiveWarning: '보안을 위해 비밀번호, 카드번호, 주민등록번호, 전화번호, API 키는 채팅에 입력하지 마세요. 입력하신 부분은 가려서 저장했어요. 저희는 비밀번호를 절대 묻지 않아요.',
  failed: '메시지를 처리하는 중에 문제가 생겼어요. 잠시 후 다시 보내 주세요.',
  unavailable: '지금은 문의를 접수할 수 없어요. 잠시 후 다시 시도해 주세요. 입력하신 내용은 아직 접수되지 않았어요.',
  unknownValue: '모름',
  caseStatus: {
    open: '접수됨(담당자 배정 대기)',
    claimed: '처리 중',
    resolved: '답변 완료',
    closed: '종료',
  } satisfies Record<CaseStatus, string>,
  verification: {
    not_required: '필요 없음',
    pending: '본인 확인 대기',
    verified: '본인 확인 완료',
  } satisfies Record<VerificationStatus, string>,
  topicLabel: '문의 유형',
  labels: DETAIL_LABELS.ko,
  questions: {
    occurred_at: '언제부터 그랬나요? (예: 어제 저녁 7시부터, 3일 전, 11/20 오후 3시쯤)',
    error_message: '화면에 나온 오류 메시지나 오류 코드를 그대로 알려주세요. (예: "일시적인 오류가 발생했습니다 (코드 1003)")',
    device: '어떤 기기에서 쓰고 계세요? (예: PC, 휴대폰, 태블릿)',
    os: '기기의 운영체제와 버전을 알려주세요. (예: 안드로이드 14, iOS 17.2, 윈도우 11, macOS 14)',
    browser: '어떤 브라우저를 쓰세요? (예: 크롬 120, 사파리, 엣지, 웨일)',
    app_version: '앱 버전을 알려주세요. (예: 5.12.1, 앱 설정 > 앱 정보에서 볼 수 있어요)',
    network: '어떤 네트워크에 연결되어 있나요? (예: 와이파이, LTE/5G 데이터, 유선)',
    steps_tried: '이미 해 보신 조치가 있나요? (예: 앱 재설치, 재부팅, 캐시 삭제)',
    account_id: '문의하실 계정의 아이디나 이메일 주소를 알려주세요. 비밀번호는 입력하지 마세요.',
    order_ref: '결제 내역의 주문번호나 결제번호를 알려주세요. (예: ORD-2026-1234)',
    url: '문제가 있는 페이지나 게시물의 주소(URL)를 알려주세요. (예: https://cafe.example.com/abc/123)',
  } satisfies Record<DetailName, string>,
};

const en: Texts = {
  greeting: "Hi! I'm deskbot, the support assistant. Tell me what you need help with.",
  askSolved: 'Did this solve your problem?',
  solved: 'Solved',
  notSolved: 'Not solved',
  newQuestionOrNotSolved: 'Did the answer above not solve it, or is this a new question?',
  gladSolved: "Glad that helped. If anything else comes up, just ask.",
  notSolvedNoDetails: "Sorry that didn't help. Shall I open a 1:1 inquiry with a support agent?",
  connectHuman: 'Talk to an agent',
  noThanks: 'No, thanks',
  okNoHuman: 'All right. Ask me anything else whenever you like.',
  collectIntro: 'A few questions so an agent can look into it right away. Say "cancel" at any time to stop.',
  oos: "Sorry, that's not something I can help with.",
  noneFits: "I see, it's none of those. Tell me again in other words and I'll look once more.",
  oosClosest: 'Is it one of these topics?',
  oosHuman: 'If you like, I can connect you with a support agent through a 1:1 inquiry.',
  clarify: "I'm not sure which one you mean. Which of these is it?",
  noneOfThese: 'Neither',
  askProblem: "I'll connect you with an agent. What is the problem, in a sentence or two?",
  cancelled: "I've cancelled the inquiry; nothing was sent to the agents. Let me know if you need anything else.",
  nothingToCancel: "There's nothing in progress to cancel.",
  dontKnowNoted: "No problem, I'll note it as unknown.",
  unusable: "Sorry, I didn't catch that. Could you tell me again?",
  resume: "Let's continue.",
  switchTopic: (other: string, question: string) => `Shall we switch to ${other}? Or we go on with this inquiry: ${question}`,
  switchTo: (other: string) => `Switch to ${other}`,
  goOn: 'Go on',
  noted: (what: string) => `Got it, noted (${what}).`,
  filesKept: "Got your file; it will go with the inquiry.",
  confirmIntro: 'Please check the details before I open the inquiry.',
  confirmQuestion: 'Shall I open the inquiry with these details?',
  confirm: 'Open inquiry',
  edit: 'Edit',
  cancel: 'Cancel',
  whichEdit: 'Which detail should I change?',
  receipt: (id: string) => `Your 1:1 inquiry is open. Your case ID is **${id}**.`,
  due: (when: string, hours: number) => `We aim to answer within ${hours} business hours, by ${when}.`,
  peak: 'This is a busy time, so the answer may take a little longer.',
  verifyNote: 'Because this concerns an account or a payment, an agent will verify your identity first. We will never ask for your password.',
  afterReceipt: 'Anything you write here goes straight to the agent handling your case.',
  movedToDirect: 'This needs an identity check or your account or order details, so to keep them private I will continue in a direct message. Please check your DMs.',
  continuedInDirect: 'Let us continue here, in private, the inquiry you started in a public channel.',
  statusInDirect: 'Your inquiries are private, so I sent their status to you in a direct message.',
  otherService: (name: string) => `Questions about ${name} are answered by ${name}'s own support: I can't see ${name} accounts, orders or payments here. If your question is about our service, tell me a little more.`,
  statusFromPublic: 'Here is the status you asked about in a public channel.',
  statusNeedsDirect: 'I do not show your inquiries in a public channel. Please ask me in a direct message.',
  directUnavailable: 'This needs an identity check or your account or order details, so I will not go on with it in a public channel. Please send me a direct message.',
  directBusy: 'This needs an identity check or your account or order details, so it has to go on in our direct messages, where another inquiry is in progress. Please finish that one first, then write to me there.',
  agentClaimed: (case_: string) => `An agent has started working on case ${case_}.`,
  agentSays: (text: string) => `Agent: ${text}`,
  verified: 'Your identity has been verified.',
  resolvedAsk: (id: string) => `The agent marked case ${id} as resolved. Is your problem solved?`,
  askRating: 'How was the support? Pick from 1 (poor) to 5 (excellent).',
  askComment: 'Thank you! Anything you would like to add? Otherwise press "Skip".',
  skip: 'Skip',
  closedThanks: (id: string) => `Thanks for your feedback. Case ${id} is closed.`,
  reopened: (id: string) => `Case ${id} is open again. The agent will continue to help you.`,
  closedByAgent: (id: string) => `Case ${id} is closed. If you need anything else, just ask.`,
  autoClosed: (id: string) => `Case ${id} was closed after we heard nothing back. If the problem continues, just tell me.`,
  withdrawn: (id: string) => `Case ${id} is cancelled.`,
  stillWithAgent: (id: string) =>
    `Case ${id} is still open with an agent, and what you write here goes to them. Another problem can go in a new inquiry of its own, or say "cancel" to withdraw this one.`,
  statusNone: "You have no inquiries yet.",
  statusHeader: 'Here are your inquiries.',
  statusNotFound: (id: string) => `I couldn't find an inquiry with case ID ${id}.`,
  help: 'I answer help questions and, when that does not solve it, open a 1:1 inquiry and connect you with an agent. Ask "what happened to my inquiry?" to see its progress.',
  newInquiry: "Let's start a new inquiry. What's the problem?",
  caseTag: (id: string, text: string) => `[${id}] ${text}`,
  writeToCase: (channel: ChannelName, id: string) =>
    channel === 'slack'
      ? `To add something to case ${id}, reply in the thread of a [${id}] message or of its receipt.`
      : channel === 'discord'
        ? `To add something to case ${id}, reply (Reply) to a [${id}] message or to its receipt.`
        : `To add something to case ${id}, send /case ${id} followed by your message.`,
  parkedForNew: (id: string, how: string) => `Case ${id} stays open, and its agent's replies will come here marked [${id}]. ${how}\nLet's start a new inquiry. What's the problem?`,
  answeredBesideCase: (id: string) => `(I answered this myself and did not send it to the agent of case ${id}. To send it to them, press the button below.)`,
  sendToAgent: 'Send to the agent',
  newInquiryLabel: 'New inquiry',
  sentToCase: (id: string) => `Sent to the agent of case ${id}.`,
  notYourOpenCase: (id: string) => `You have no open inquiry ${id}. Ask "what happened to my inquiry?" to see your inquiries.`,
  empty: 'Your message is empty. Please type your question.',
  noWords: 'How can I help? Please type your question in words.',
  tooLong: (max: number) => `That message is too long (at most ${max} characters). Please send the key points in shorter messages.`,
  slowDown: "You're sending messages very fast. Everything you send is saved to your inquiry, and the agent is told about it in one go. Please slow down a little.",
  cutForAgent: (max: number) => `That message was long, so only its first ${max} characters reached the agent. Please send the rest in parts or as a file.`,
  sensitiveWarning: "For your security, don't type passwords, card numbers, resident registration numbers, phone numbers or API keys in chat. I've masked them before saving. We will never ask for your password.",
  failed: 'Something went wrong while handling your message. Please send it again in a moment.',
  unavailable: "I can't open inquiries right now. Please try again in a moment; nothing has been submitted yet.",
  unknownValue: 'unknown',
  caseStatus: { open: 'received (waiting for an agent)', claimed: 'in progress', resolved: 'answered', closed: 'closed' },
  verification: { not_required: 'not required', pending: 'identity check pending', verified: 'identity verified' },
  topicLabel: 'Topic',
  labels: DETAIL_LABELS.en,
  questions: {
    occurred_at: 'When did it start? (e.g. since yesterday 7pm, two days ago, Nov 20 around 3pm)',
    error_message: 'What exactly does the error say? Please copy the message or code. (e.g. "Temporary error (code 1003)")',
    device: 'Which device are you using? (e.g. PC, phone, tablet)',
    os: 'Which operating system and version? (e.g. Android 14, iOS 17.2, Windows 11, macOS 14)',
    browser: 'Which browser do you use? (e.g. Chrome 120, Safari, Edge, Whale)',
    app_version: 'Which app version do you have? (e.g. 5.12.1, shown in the app under Settings > About)',
    network: 'Which network are you on? (e.g. Wi-Fi, LTE/5G mobile data, wired)',
    steps_tried: 'What have you already tried? (e.g. reinstalling the app, restarting, clearing the cache)',
    account_id: 'Which account is it about? Your login ID or e-mail address, please. Never type your password.',
    order_ref: "What's the order or payment number on your receipt? (e.g. ORD-2026-1234)",
    url: 'Which page or post is it? Please paste its address (URL). (e.g. https://cafe.example.com/abc/123)',
  },
};

/** The dialog's texts in one language. */
export function texts(lang: Lang): Texts {
  return lang === 'ko' ? ko : en;
}

// ---- agents' notices --------------------------------------------------------

type AgentTexts = typeof agentsEn;

const agentsEn = {
  withdrawn: (id: string) => `The user withdrew case ${id}.`,
  notSolved: (id: string) => `The user says case ${id} is NOT solved; it is open again.`,
  confirmedSolved: (id: string) => `The user confirmed case ${id} is solved (asked about it while on another inquiry, so without a rating). The case is closed.`,
  feedback: (id: string, rating: number | null, comment: string | null) =>
    `Feedback on ${id}: ${rating ?? '-'}/5${comment ? ` — ${comment}` : ''}. The case is closed.`,
  flooding: (from: string, id: string) =>
    `${from} is sending many messages at once. They are saved to case ${id}'s transcript; the next ones are not posted here one by one.`,
  held: (n: number, from: string, id: string) =>
    `${n} more message${n === 1 ? '' : 's'} from ${from} were saved to case ${id}'s transcript without being posted here.`,
  refused: (verb: AgentVerb, id: string, status: CaseStatus, verification: VerificationStatus) =>
    `Cannot ${verb} case ${id}: it is ${status}${verb === 'verify' ? ` (verification ${verification})` : ''}.`,
  reminder: (id: string, due: string) => `Reminder: case ${id} is still unclaimed and due ${due}.`,
  overdue: (id: string, due: string) => `Overdue: case ${id} was due ${due}.`,
  autoClosed: (id: string) => `Case ${id} closed automatically: no feedback from the user.`,
  notAnAgent: 'Only support agents can act on cases. Ask an admin to add you to the agents if you should be one.',
  suggested: (id: string, intent: string) => `Saved as a suggested answer for ${intent} (case ${id}): operators see it in deskbot review, next to the current answer.`,
  notInCase: 'Only a message in a case thread can be suggested as an answer.',
  unknownCase: (id: string) => `There is no case ${id}. Check the id on the case card.`,
};

// "문의 X는 … 수 없습니다": each verb as it reads before 수.
const VERB_KO: Record<AgentVerb, string> = { claim: '담당할', reply: '답변할', verify: '본인 확인할', resolve: '해결 처리할', reopen: '다시 열', close: '종료할', suggest: '답변으로 추천할' };

const agentsKo: AgentTexts = {
  withdrawn: (id) => `사용자가 문의 ${id}를 취소했습니다.`,
  notSolved: (id) => `사용자가 문의 ${id}가 해결되지 않았다고 답해 다시 열었습니다.`,
  confirmedSolved: (id) => `사용자가 문의 ${id}가 해결되었다고 확인했습니다(다른 문의를 진행하던 중이라 평가 없이). 문의를 종료했습니다.`,
  feedback: (id, rating, comment) => `문의 ${id} 평가: ${rating ?? '-'}/5${comment ? ` — ${comment}` : ''}. 문의를 종료했습니다.`,
  flooding: (from, id) => `${from} 님이 메시지를 한꺼번에 많이 보내고 있습니다. 모두 문의 ${id}의 기록에 저장되며, 이어지는 메시지는 여기에 하나씩 올리지 않습니다.`,
  held: (n, from, id) => `${from} 님의 메시지 ${n}건이 여기에 올라오지 않고 문의 ${id}의 기록에 저장되었습니다.`,
  refused: (verb, id, status, verification) =>
    `문의 ${id}는 ${VERB_KO[verb]} 수 없습니다: 지금 ${ko.caseStatus[status]} 상태입니다${verb === 'verify' ? ` (본인 확인: ${ko.verification[verification]})` : ''}.`,
  reminder: (id, due) => `알림: 문의 ${id}가 아직 담당자 없이 남아 있습니다. 답변 기한은 ${due}입니다.`,
  overdue: (id, due) => `기한 초과: 문의 ${id}의 답변 기한은 ${due}였습니다.`,
  autoClosed: (id) => `사용자의 응답이 없어 문의 ${id}를 자동으로 종료했습니다.`,
  notAnAgent: '문의 건은 상담원만 처리할 수 있습니다. 상담원이어야 한다면 관리자에게 상담원으로 추가해 달라고 요청해 주세요.',
  suggested: (id, intent) => `문의 ${id}의 답변을 ${intent}의 추천 답변으로 저장했습니다. 운영자가 deskbot review에서 현재 답변과 함께 봅니다.`,
  notInCase: '문의 스레드 안의 메시지만 답변으로 추천할 수 있습니다.',
  unknownCase: (id) => `${id} 문의는 없습니다. 문의 카드의 번호를 확인해 주세요.`,
};

/**
 * The default language of agents' notices (AGENTS_LANG). One language for the whole agents' side rather than each
 * case's language: one team reads every case in the same channel. The operator's configuration may choose another
 * one (BotSettings.agentsLang, passed to agentTurn and timerTurn).
 */
export const AGENTS_LANG: Lang = 'en';

/** What the bot tells agents about a case, in one language. */
export function agentTexts(lang: Lang): AgentTexts {
  return lang === 'ko' ? agentsKo : agentsEn;
}
