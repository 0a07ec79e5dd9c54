/** The interactive console's user commands: `/new`, `/status` and `/case ID TEXT`, as Slack's and Discord's own. */
import { describe, expect, it } from 'vitest';
import { userMessage } from '../../../src/channels/console/interactive.js';

describe('console user commands', () => {
  it('turns /new and /status into the commands every platform has', () => {
    expect(userMessage('/new')).toEqual({ text: '/new', choice: 'cmd:new' });
    expect(userMessage(' /STATUS ')).toEqual({ text: '/STATUS', choice: 'cmd:status' });
  });

  it('writes /case ID TEXT to that case, with the text alone', () => {
    expect(userMessage('/case k7p-4qx 재부팅해도 안 돼요')).toEqual({ text: '재부팅해도 안 돼요', caseId: 'k7p-4qx' });
    expect(userMessage('/case K7P-4QX 첫 줄\n둘째 줄')).toEqual({ text: '첫 줄\n둘째 줄', caseId: 'K7P-4QX' });
  });

  it('leaves other lines as they are, /case without text included', () => {
    expect(userMessage('/case K7P-4QX')).toEqual({ text: '/case K7P-4QX' });
    expect(userMessage('새 문의를 하고 싶어요')).toEqual({ text: '새 문의를 하고 싶어요' });
  });
});
