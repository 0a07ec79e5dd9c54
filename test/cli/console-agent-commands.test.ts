/**
 * The interactive console's agent commands (`deskbot chat` with a person typing): /agent list shows the open
 * cases; a command it cannot read, an unknown case or a reply without text gets one line, and nothing of it is
 * relayed to the agents as the user's words.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../src/cases/case-id.js';
import { runCli } from './run-cli.js';

describe('console agent commands', () => {
  it('lists open cases, and answers every malformed command with one line instead of relaying it', async () => {
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-console-')), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    const opened = await runCli(['chat'], env, ['앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요', '2', '1']);
    const caseId = findCaseIdInText(opened.stdout) as string;
    expect(caseId, opened.stdout).toBeTruthy();

    const r = await runCli(['chat'], env, ['/agent list', '/agent', `/agent ${caseId}`, `/agent ${caseId} dance`, '/help', `/agent ${caseId} reply`, '/agent XXX-999 claim']);
    const lines = r.stdout.split('\n').map((l) => l.replace(/^(you> )+/, ''));
    const list = lines.findIndex((l) => l.includes('Open cases:'));
    expect(list).toBeGreaterThan(-1);
    expect(lines.slice(list, list + 5).join('\n')).toMatch(new RegExp(`${caseId}\\s+open\\s+default\\s+app\\.push`));
    expect(lines.filter((l) => l.startsWith('usage: /agent list · /agent CASE-ID'))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('Agents: /agent list'))).toHaveLength(2);
    expect(r.stdout).toContain(`usage: /agent ${caseId} reply TEXT (the reply is missing)`);
    expect(r.stdout).toContain('[agents] There is no case XXX-999. Check the id on the case card.');
    // Nothing typed here reached the agents as the user's message, and no log line reached the chat.
    expect(r.stdout).not.toMatch(/\[agents · [A-Z0-9-]+\]> \[[A-Z0-9-]+\] .*\/(agent|help)/);
    expect(r.stdout).not.toContain('"level"');
  });
});

describe('console rendering', () => {
  it('shows Markdown bold as bold in a terminal and as plain words elsewhere, never as asterisks', async () => {
    const { terminalText } = await import('../../src/channels/console/interactive.js');
    expect(terminalText('로그인 화면에서 **비밀번호 찾기**를 누르세요', true)).toBe('로그인 화면에서 \u001b[1m비밀번호 찾기\u001b[22m를 누르세요');
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-console-')), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    const r = await runCli(['chat'], env, ['비밀번호를 잊어버렸어요']);
    expect(r.stdout).toContain('비밀번호 찾기');
    expect(r.stdout).not.toContain('**');
  });
});
