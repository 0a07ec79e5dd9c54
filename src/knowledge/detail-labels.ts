/** What each detail is called, in each language: in summaries to users, and on the agents' case cards. */
import type { DetailName, Lang } from './types.js';

/** Detail labels per language. */
export const DETAIL_LABELS: Record<Lang, Record<DetailName, string>> = {
  ko: {
    occurred_at: '발생 시점',
    error_message: '오류 메시지',
    device: '기기',
    os: '운영체제',
    browser: '브라우저',
    app_version: '앱 버전',
    network: '네트워크',
    steps_tried: '해 본 조치',
    account_id: '계정',
    order_ref: '주문/결제 번호',
    url: '주소(URL)',
  },
  en: {
    occurred_at: 'Started',
    error_message: 'Error message',
    device: 'Device',
    os: 'OS',
    browser: 'Browser',
    app_version: 'App version',
    network: 'Network',
    steps_tried: 'Already tried',
    account_id: 'Account',
    order_ref: 'Order/payment ref',
    url: 'URL',
  },
};
