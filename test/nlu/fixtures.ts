/** A small bilingual intent set for matcher tests. */
import type { LabelledExample } from '../../src/nlu/types.js';

const INTENTS: Record<string, string[]> = {
  'account.password_reset': [
    '비밀번호를 잊어버렸어요',
    '비밀번호 재설정하고 싶어요',
    '비밀번호 변경 메일이 안 와요',
    '로그인 비밀번호가 기억이 안나요',
    '비밀번호 찾기 어떻게 해요',
    'I forgot my password',
    'how do I reset my password',
    'password reset email never arrived',
    'cannot remember my login password',
  ],
  'mail.storage_full': [
    '메일함 용량이 꽉 찼어요',
    '메일 저장 공간이 부족하대요',
    '메일함 용량 늘리는 방법',
    '용량 초과라서 메일을 못 받아요',
    'my mailbox is full',
    'how do I get more mail storage',
    'mail storage quota exceeded',
    'inbox says storage is full',
  ],
  'maps.error': [
    '지도가 안 떠요',
    '길찾기가 안돼요',
    '지도 화면이 하얗게 나와요',
    '지도 앱에서 경로 안내가 멈춰요',
    'the map does not load',
    'directions are not working',
    'map shows a blank screen',
    'route guidance stops in the maps app',
  ],
  'chitchat.thanks': ['고마워요', '감사합니다', '도움 됐어요 감사해요', 'thanks', 'thank you so much', 'that helped, thanks'],
  'payment.refund': ['환불 받고 싶어요', '결제 취소하고 환불해주세요', '환불 신청 어떻게 해요', 'I want a refund', 'please refund my payment', 'how do I get my money back'],
};

/** Labelled training examples of the fixture, both languages. */
export const FIXTURE: LabelledExample[] = Object.entries(INTENTS).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));
