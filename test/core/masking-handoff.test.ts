/**
 * Every form of the masking issue, typed by a user, in the name and the URL of a file they attach, and in an
 * answer the confirmation summary echoes back, through a full handoff (details asked, summary confirmed,
 * case opened, a later message relayed with the file again): none reaches the agents, the user-facing echo,
 * any file of the lowdb data folder or the PostgreSQL conversations, cases and case_events tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, DATABASE_URL, dropSchema, freshSchema, createSchemaUrl } from '../store/pg-helpers.js';
import { openConsoleSession, type ConsoleSession, type OutputLine } from '../support/console-session.js';

interface Form {
  name: string;
  /** What the user types. */
  text: string;
  /** What must never be seen again, as typed. */
  secrets: string[];
  /** The attachment's URL, when the form is itself a URL. */
  url?: string;
}

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const FORMS: Form[] = [
  { name: 'PW cue, Korean', text: 'PW는 zxcv9876 입니다', secrets: ['zxcv9876'] },
  { name: '비번 with Hangul in the password', text: '비번은 사랑해1004 예요', secrets: ['사랑해1004'] },
  { name: 'login / pass', text: 'login: tester01 / pass: s3cr3tPass', secrets: ['s3cr3tPass'] },
  { name: '"the password X"', text: 'the password hunter3xyz stopped working', secrets: ['hunter3xyz'] },
  { name: "my password's", text: "my password's Blu3Sky!x", secrets: ['Blu3Sky!x'] },
  { name: 'card with dots', text: '카드 4111.1111.1111.1111', secrets: ['4111.1111.1111.1111'] },
  { name: 'card in full-width digits', text: '카드 ４１１１ １１１１ １１１１ １１１１', secrets: ['４１１１ １１１１ １１１１ １１１１'] },
  { name: 'card with spaced dashes', text: '4111 - 1111 - 1111 - 1111', secrets: ['4111 - 1111 - 1111 - 1111'] },
  { name: 'expiry and CVC after the card', text: '카드 5500 0000 0000 0004 유효기간 12/28 CVC 737', secrets: ['5500 0000 0000 0004', '12/28', 'CVC 737'] },
  { name: "foreigner's registration number", text: '외국인등록번호 900101-5234567', secrets: ['900101-5234567', '5234567'] },
  { name: 'RRN with an en dash', text: '주민번호 900101–1234567', secrets: ['900101–1234567'] },
  { name: 'phone with dots', text: '010.3456.7890', secrets: ['3456.7890', '34567890'] },
  { name: 'OpenAI key', text: 'key sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56', secrets: ['sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56'] },
  { name: 'AWS secret key after AKIA', text: 'AKIAZ7QX3LMN4PQR5STU Zr8pQ2xLmN4vB7kT1yH6jD3s/F9gA0cW5eU2iO8n', secrets: ['AKIAZ7QX3LMN4PQR5STU', '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'] },
  { name: 'GitHub token', text: 'ghp_R2d2C3poL8k9J7h6G5f4D3s2A1q0W9e8R7t6', secrets: ['ghp_R2d2C3poL8k9J7h6G5f4D3s2A1q0W9e8R7t6'] },
  { name: 'Slack token', text: 'xoxb-2048-1024-Qw3rTy8uIoP', secrets: ['xoxb-2048-1024-Qw3rTy8uIoP'] },
  { name: 'Bearer JWT', text: `Authorization: Bearer ${JWT}`, secrets: [JWT, JWT.split('.')[1]] },
  {
    name: 'credentials in a URL',
    text: 'https://admin:Sup3rS3cret@mail.example.com',
    secrets: ['Sup3rS3cret'],
    url: 'https://admin:Sup3rS3cret@mail.example.com/files/report.png',
  },
];

/** A secret as it can appear in text, in a URL path and as JSON writes it. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

function fileOf(form: Form): { name: string; url: string } {
  return { name: `${form.text}.png`, url: form.url ?? `https://files.example.com/F1/${encodeURIComponent(form.text)}.png` };
}

/** Drives one user through a full handoff with the form everywhere; returns what the bot sent to the user and to agents. */
async function handoff(session: ConsoleSession, user: string, form: Form): Promise<{ toUser: string; toAgents: string; caseId: string }> {
  const all: OutputLine[] = [];
  const send = async (line: object) => {
    const out = await session.send(line);
    all.push(...out);
    return out.filter((o): o is Extract<OutputLine, { to: string }> => 'to' in o && o.to === user);
  };
  let replies = await send({ user, text: `중복 결제가 됐어요 환불해주세요. ${form.text}`, files: [fileOf(form)] });
  let caseId: string | null = null;
  const answered = new Set<string>();
  for (let turn = 0; turn < 12 && !caseId; turn++) {
    const last = replies.at(-1);
    const choices = last?.choices.map((c) => c.value) ?? [];
    const pick = ['confirm', 'agent', 'not_solved'].find((c) => choices.includes(c));
    if (pick) replies = await send({ user, choose: pick });
    else if (last?.asking && !answered.has(last.asking)) {
      answered.add(last.asking);
      replies = await send({ user, text: form.text });
    } else replies = await send({ user, text: '모르겠어요' });
    caseId = replies.find((r) => r.caseId)?.caseId ?? null;
  }
  if (!caseId) throw new Error(`no case was opened for ${form.name}: ${JSON.stringify(all.slice(-3))}`);
  // A message during the case is relayed to agents, with the file again.
  await send({ user, text: `추가로요 ${form.text}`, files: [fileOf(form)] });
  const text = (o: OutputLine) => ('text' in o ? o.text : '');
  return {
    toUser: all.filter((o) => 'to' in o && o.to === user).map(text).join('\n'),
    toAgents: all.filter((o) => 'to' in o && o.to === 'agents').map(text).join('\n'),
    caseId,
  };
}

/** The checks for one store: `stored` reads everything the store holds, as text. */
function checkEveryForm(open: () => Promise<{ session: ConsoleSession; stored: () => Promise<string>; cleanup?: () => Promise<void> }>): void {
  const seen = new Map<string, { toUser: string; toAgents: string; caseId: string }>();
  let stored = '';
  let session: ConsoleSession;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const opened = await open();
    session = opened.session;
    cleanup = opened.cleanup;
    for (const [i, form] of FORMS.entries()) seen.set(form.name, await handoff(session, `u${i}`, form));
    await session.close();
    stored = await opened.stored();
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it('opened a case for every form, with the file kept', () => {
    expect(seen.size).toBe(FORMS.length);
    for (const [name, s] of seen) expect(s.toAgents, name).toMatch(/New case/);
    expect(stored).toContain('files.example.com');
  });

  it.each(FORMS.map((f) => [f.name, f] as const))('%s: masked for agents, in the echo and in the store', (_name, form) => {
    const s = seen.get(form.name)!;
    expect(s.toAgents).toMatch(/\[[^\]]+\]/);
    for (const secret of form.secrets) {
      for (const spelled of spellings(secret)) {
        expect(s.toAgents, `agents see ${spelled}`).not.toContain(spelled);
        expect(s.toUser, `the user is echoed ${spelled}`).not.toContain(spelled);
        expect(stored, `the store keeps ${spelled}`).not.toContain(spelled);
      }
    }
  });
}

describe('every form, through a full handoff on lowdb', () => {
  checkEveryForm(async () => {
    const session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
    const stored = async () =>
      readdirSync(session.dataDir)
        .map((f) => readFileSync(join(session.dataDir, f), 'utf8'))
        .join('\n');
    return { session, stored };
  });
});

// PostgreSQL runs where DATABASE_URL points (CI sets it); without one there is no database to check.
describe.skipIf(!DATABASE_URL)('every form, through a full handoff on PostgreSQL (skipped: DATABASE_URL is not set)', () => {
  const schema = freshSchema();
  checkEveryForm(async () => {
    const url = new URL(await createSchemaUrl(schema));
    const session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00', env: { DATABASE_URL: url.toString() } });
    const stored = () =>
      admin(async (c) => {
        const rows: string[] = [];
        for (const table of ['conversations', 'cases', 'case_events']) rows.push(JSON.stringify((await c.query(`select * from "${schema}".${table}`)).rows));
        return rows.join('\n');
      });
    return { session, stored, cleanup: () => dropSchema(schema) };
  });
});
