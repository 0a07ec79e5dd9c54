import { describe, expect, it } from 'vitest';
import { relayContent } from '../../../src/channels/discord/outbound.js';

describe('links in relayed user text, as agents see them on Discord', () => {
  it.each([
    ['[click](https://evil.example/login)', 'click (<https://evil.example/login>)'],
    ['see [here](<https://evil.example/x>) now', 'see here (<https://evil.example/x>) now'],
    ['[bank](https://evil.example "Your bank")', 'bank (<https://evil.example>)'],
  ])('%s shows its real target', (text, shown) => {
    expect(relayContent('kim', text)).toBe(`**kim**: ${shown}`);
  });

  it('shows link syntax it cannot rewrite as plain text, never as a masked link', () => {
    const out = relayContent('kim', '[click](https://evil.example/a(b))');
    expect(out).toContain('\\[click]');
    expect(out).not.toMatch(/(?<!\\)\[click\]\(/);
  });

  it('leaves plain URLs and brackets alone', () => {
    expect(relayContent('kim', 'https://x.io [note] (ok)')).toBe('**kim**: https://x.io [note] (ok)');
  });
});
