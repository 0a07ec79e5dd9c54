/** Escaping user text for Slack: nothing can ping anyone or break a message. */
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mrkdwnLink, plainText, readableSlackText } from '../../../src/channels/slack/escape.js';
import { escapedPieces, renderUserMessage } from '../../../src/channels/slack/render-user.js';
import { splitText } from '../../../src/channels/slack/split-text.js';

describe('escapeMrkdwn', () => {
  it('neutralises every kind of Slack mention and broadcast', () => {
    const out = escapeMrkdwn('<!channel> <!here> <!everyone> <!subteam^S123|@agents> <@U123> <#C1> @here @channel @Everyone');
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).not.toMatch(/@(here|channel|everyone)/i);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;@U123&gt;');
    expect(out.replace(/\u2060/g, '')).toContain('@here @channel @Everyone');
  });

  it('escapes & before < and > so entities stay literal', () => {
    expect(escapeMrkdwn('a & b &lt; c <d>')).toBe('a &amp; b &amp;lt; c &lt;d&gt;');
  });

  it('keeps Korean, emoji and mixed scripts as they are', () => {
    expect(escapeMrkdwn('비밀번호 😀 パスワード e-mail@example.com')).toBe('비밀번호 😀 パスワード e-mail@example.com');
  });
});

describe('readableSlackText', () => {
  it('shows where a labelled link goes, and a link labelled with its own address just once', () => {
    expect(readableSlackText('<https://evil.example/login|click> <https://x.io|x.io> <mailto:a@b.co|a@b.co>')).toBe(
      'click (https://evil.example/login) x.io a@b.co',
    );
  });

  it('decodes entities and mentions of incoming posts', () => {
    expect(readableSlackText('&lt;b&gt; &amp; <@U1> <!here> <https://x.io|site> <#C1|general> <!subteam^S1|@agents>')).toBe('<b> & @U1 @here site (https://x.io) #general @agents');
  });
});

describe('mrkdwnLink and plainText', () => {
  it('links only http(s) URLs and escapes labels', () => {
    expect(mrkdwnLink('https://files.slack.com/a.png', 'a<b>|c.png')).toBe('<https://files.slack.com/a.png|a&lt;b&gt;¦c.png>');
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink(undefined, '<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('clips plain text to a limit without breaking emoji', () => {
    const out = plainText('😀'.repeat(100), 75);
    expect([...out]).toHaveLength(75);
    expect(out.endsWith('…')).toBe(true);
    expect(plainText('   ', 10)).toBe('-');
  });
});

describe('splitting', () => {
  it('prefers line and word boundaries, never exceeds the limit, keeps all text', () => {
    const text = `${'첫 문단입니다. '.repeat(300)}\n\n${'둘째 문단. '.repeat(300)}`;
    const pieces = splitText(text, 1000);
    expect(pieces.every((p) => p.length <= 1000)).toBe(true);
    expect(pieces.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('does not cut a surrogate pair in a text without spaces', () => {
    const pieces = splitText('😀'.repeat(2000), 999);
    expect(pieces.every((p) => !/[\uD800-\uDBFF]$/.test(p) && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
  });

  it('keeps escaped pieces within a section even when escaping grows the text', () => {
    const pieces = escapedPieces('<>&'.repeat(3000));
    expect(pieces.every((p) => p.length <= 3000)).toBe(true);
    expect(pieces.join('')).toBe(escapeMrkdwn('<>&'.repeat(3000)));
  });

  it('renders empty text as something Slack accepts', () => {
    expect(escapedPieces('')).toEqual(['…']);
  });
});

describe('renderUserMessage', () => {
  it('turns Markdown bold of answers into Slack bold that works inside Korean words, after escaping', () => {
    const [post] = renderUserMessage({ text: '**비밀번호 찾기**를 누르세요 <!here> 2**3' });
    expect(post.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '\u200B*비밀번호 찾기*\u200B를 누르세요 &lt;!here&gt; 2**3' } }]);
  });
});
