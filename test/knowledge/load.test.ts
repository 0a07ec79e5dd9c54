import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, loadIntentsDir, type KbProblem } from '../../src/knowledge/load.js';

const FIXTURES = 'test/knowledge/fixtures';

/**
 * The intent catalog (shared/spec/intent-catalog.md) as `id: kind details verify route`: tests, benchmarks and
 * transcripts refer to these ids, and the dialog relies on each intent's kind, details, verification and route.
 */
const CATALOG = `
account.password_reset: faq account_id,steps_tried yes account
account.find_id: faq steps_tried yes account
account.dormant: faq account_id yes account
account.hacked: handoff account_id,occurred_at,steps_tried yes security
account.verification: diagnostic account_id,device,error_message yes account
mail.send_failure: diagnostic error_message,occurred_at,steps_tried no mail
mail.spam: faq steps_tried no mail
mail.storage_full: faq - no mail
community.post_error: diagnostic error_message,device,browser,occurred_at no community
community.sanction_appeal: handoff url,account_id yes policy
search.results: faq url no search
maps.error: diagnostic device,os,browser,network no maps
finance.delay: diagnostic url,occurred_at no finance
app.push: diagnostic device,os,app_version,occurred_at no app
app.compatibility: diagnostic device,os,browser,app_version,error_message no app
privacy.inquiry: faq - no privacy
report.spam_phishing: handoff url,occurred_at no security
report.illegal_content: handoff url no policy
policy.ads: faq - no policy
policy.eligibility: faq - no policy
payment.issue: handoff order_ref,occurred_at,account_id yes payment
contact.phone: faq - no -
contact.channels: faq - no -
contact.response_time: faq - no -
agent.request: system - no -
case.status: system - no -
feedback.complaint: handoff occurred_at no cx
chitchat.greeting: smalltalk - no -
chitchat.thanks: smalltalk - no -
chitchat.goodbye: smalltalk - no -
chitchat.bot: smalltalk - no -
`
  .trim()
  .split('\n')
  .map((line) => {
    const [id, kind, details, verify, route] = line.replace(':', '').split(' ');
    return { id, kind, details: details === '-' ? [] : details.split(','), verify: verify === 'yes', route: route === '-' ? null : route };
  });

/** The 1-based line of the first line of `file` containing `needle`, so line expectations follow the fixture text. */
async function lineOf(file: string, needle: string): Promise<number> {
  const index = (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

function errorsOf(problems: KbProblem[]): KbProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

describe('the shipped intents/ directory', () => {
  it('loads without errors', async () => {
    const { intents, problems } = await loadIntentsDir('intents');
    expect(errorsOf(problems).map(formatProblem)).toEqual([]);
    expect(intents.length).toBeGreaterThanOrEqual(CATALOG.length);
  });

  it('has every intent of the catalog, with its kind, details in asking order, verification and route', async () => {
    const { intents } = await loadIntentsDir('intents');
    const shipped = intents.map(({ id, kind, details, verify, route }) => ({ id, kind, details, verify, route }));
    expect(shipped).toEqual(expect.arrayContaining(CATALOG));
  });
});

describe('loadIntentsDir on valid files', () => {
  it('returns the intents of the visible .yaml files only, trimmed and with their file', async () => {
    const { intents, problems } = await loadIntentsDir(`${FIXTURES}/valid`);
    expect(errorsOf(problems)).toEqual([]);
    expect(intents.map((i) => i.id)).toEqual(['mail.spam', 'mail.storage_full']);
    const spam = intents[0];
    expect(spam).toMatchObject({
      kind: 'faq',
      title: { ko: '스팸함으로 간 메일', en: 'Mail landing in spam' },
      details: ['steps_tried'],
      verify: false,
      route: 'mail',
      file: `${FIXTURES}/valid/mail.spam.yaml`,
    });
    expect(spam.examples.en).toEqual(['legit mail goes to spam', 'my emails end up in the junk folder']);
    expect(spam.answer.en).toBe('Open the spam folder, select the mail and choose "Not spam".\nFor more, see {{help_url}}.');
  });

  it('warns, without failing, when an intent has fewer than 15 examples in a language', async () => {
    const { problems } = await loadIntentsDir(`${FIXTURES}/valid`);
    const file = `${FIXTURES}/valid/mail.storage_full.yaml`;
    expect(problems).toContainEqual({
      file,
      line: (await lineOf(file, 'examples:')) + 1,
      severity: 'warning',
      message: 'only 1 ko example: 15 or more help the bot recognise this intent',
    });
  });
});

describe('loadIntentsDir on broken files', () => {
  it('reports malformed YAML at the offending line', async () => {
    const file = `${FIXTURES}/malformed-yaml/mail.spam.yaml`;
    const { intents, problems } = await loadIntentsDir(`${FIXTURES}/malformed-yaml`);
    expect(intents).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line: await lineOf(file, 'bad indent here'), severity: 'error' });
    expect(problems[0].message).toMatch(/^YAML syntax error: /);
  });

  it('reports an unknown field with a suggestion, and not also as a missing field', async () => {
    const file = `${FIXTURES}/unknown-field/mail.spam.yaml`;
    const { problems } = await loadIntentsDir(`${FIXTURES}/unknown-field`);
    expect(problems.map(formatProblem)).toEqual([`${file}:${await lineOf(file, 'exampels:')}: unknown field "exampels" (did you mean "examples"?)`]);
  });

  it('reports a missing language at the field that lacks it', async () => {
    const file = `${FIXTURES}/missing-en/mail.spam.yaml`;
    const { problems } = await loadIntentsDir(`${FIXTURES}/missing-en`);
    expect(errorsOf(problems)).toEqual([
      {
        file,
        line: await lineOf(file, 'answer:'),
        severity: 'error',
        message: 'missing language "en" (English) under answer: every intent needs ko and en',
      },
    ]);
  });

  it('reports a duplicate id in the second file, naming the first', async () => {
    const dir = `${FIXTURES}/duplicate-id`;
    const { intents, problems } = await loadIntentsDir(dir);
    expect(intents.map((i) => i.file)).toEqual([`${dir}/mail.spam.yaml`]);
    expect(errorsOf(problems)).toContainEqual({
      file: `${dir}/mail.storage_full.yaml`,
      line: 1,
      severity: 'error',
      message: `duplicate id "mail.spam": ${dir}/mail.spam.yaml:1 already uses it; every intent needs its own id`,
    });
  });

  it('reports the same example under two intents, naming both files and lines', async () => {
    const dir = `${FIXTURES}/duplicate-example`;
    const first = `${dir}/mail.spam.yaml`;
    const second = `${dir}/mail.storage_full.yaml`;
    const { problems } = await loadIntentsDir(dir);
    expect(errorsOf(problems)).toEqual([
      {
        file: second,
        line: await lineOf(second, 'JUNK folder'),
        severity: 'error',
        message: `example "My emails end up in the JUNK folder!" is also an example of mail.spam (${first}:${await lineOf(first, 'junk folder')}): keep it under one intent only`,
      },
    ]);
  });

  it('reports an unknown detail name with the known ones', async () => {
    const file = `${FIXTURES}/unknown-detail/mail.spam.yaml`;
    const { problems } = await loadIntentsDir(`${FIXTURES}/unknown-detail`);
    expect(errorsOf(problems)).toHaveLength(1);
    expect(errorsOf(problems)[0]).toMatchObject({ file, line: await lineOf(file, 'details:') });
    expect(errorsOf(problems)[0].message).toMatch(/^unknown detail "devise" \(did you mean "device"\?\): details are occurred_at, /);
  });

  it('reports an unknown {{variable}} at the answer line that uses it', async () => {
    const file = `${FIXTURES}/unknown-variable/mail.spam.yaml`;
    const { problems } = await loadIntentsDir(`${FIXTURES}/unknown-variable`);
    expect(errorsOf(problems)).toHaveLength(1);
    expect(errorsOf(problems)[0]).toMatchObject({ file, line: await lineOf(file, '{{support_mail}}') });
    expect(errorsOf(problems)[0].message).toMatch(/^unknown variable \{\{support_mail\}\} in answer\.en \(did you mean "support_email"\?\)/);
  });

  it('reports a file name that does not match the id', async () => {
    const file = `${FIXTURES}/name-mismatch/mail.spam.yaml`;
    const { problems } = await loadIntentsDir(`${FIXTURES}/name-mismatch`);
    expect(errorsOf(problems).map(formatProblem)).toEqual([
      `${file}:1: the file name "mail.spam.yaml" does not match id "mail.junk": rename the file to "mail.junk.yaml" or fix the id`,
    ]);
  });
});

describe('loadIntentsDir on written files', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });


  /** Writes mail.storage_full.yaml with line `n` (1-based) replaced, and returns the file's errors as printed. */
  async function withLine(n: number, text: string, name = 'mail.storage_full.yaml', more: Record<number, string> = {}): Promise<string[]> {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-kb-'));
    const lines = (await readFile(`${FIXTURES}/valid/mail.storage_full.yaml`, 'utf8')).split('\n');
    lines[n - 1] = text;
    for (const [at, line] of Object.entries(more)) lines[Number(at) - 1] = line;
    await writeFile(join(dir, name), lines.join('\n'));
    const { problems } = await loadIntentsDir(dir);
    return errorsOf(problems).map((p) => formatProblem(p).slice(dir.length + 1));
  }

  it('an empty directory is an error', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-kb-'));
    await writeFile(join(dir, 'notes.txt'), 'not an intent');
    const { intents, problems } = await loadIntentsDir(dir);
    expect(intents).toEqual([]);
    expect(problems).toEqual([{ file: dir, line: null, severity: 'error', message: 'no intent files: the directory needs one <id>.yaml file per intent' }]);
  });

  it('a missing directory is an error, not a crash', async () => {
    const { problems } = await loadIntentsDir(join(tmpdir(), 'deskbot-no-such-dir-7f3a'));
    expect(problems[0].message).toBe('cannot read the intents directory: the directory does not exist');
  });

  it('explains YAML values that are not what the field needs', async () => {
    expect(await withLine(7, 'verify: yes')).toEqual(['mail.storage_full.yaml:7: verify must be true or false (found "yes")']);
    expect(await withLine(11, '    - 1588')).toEqual(['mail.storage_full.yaml:11: examples.ko item 1 must be text (found number 1588): put it in quotes']);
    expect(await withLine(13, '    - note: this is a mapping')).toEqual([
      'mail.storage_full.yaml:13: examples.en item 1 must be text (found a mapping): put it in quotes, because ": " inside unquoted text starts a mapping',
    ]);
    expect(await withLine(2, 'kind: fqa')).toEqual([
      'mail.storage_full.yaml:2: unknown kind "fqa" (did you mean "faq"?): use one of faq, diagnostic, handoff, smalltalk, system',
    ]);
    expect(await withLine(4, '  kr: 메일함 용량')).toEqual([
      'mail.storage_full.yaml:4: unknown language "kr" under title (did you mean "ko"?): the languages are ko and en',
    ]);
    expect(await withLine(8, '')).toEqual(['mail.storage_full.yaml: missing field "route" (write `route: null` for the default route)']);
    expect(await withLine(8, 'route: Mail Team')).toEqual([
      'mail.storage_full.yaml:8: route must be a lowercase route name like "account", or null for the default route (found "Mail Team")',
    ]);
    expect(await withLine(1, 'id: Mail.Storage', 'Mail.Storage.yaml')).toEqual([
      'Mail.Storage.yaml:1: id must be lowercase words joined by dots (letters and _ only), like "account.password_reset" (found "Mail.Storage")',
    ]);
    expect(await withLine(12, '  en: []', undefined, { 13: '    # none yet' })).toEqual(['mail.storage_full.yaml:12: examples.en needs at least one example']);
    expect(await withLine(13, '    # none yet')).toEqual(['mail.storage_full.yaml:12: examples.en is empty']);
    expect(await withLine(15, '  ko: "  "')).toEqual(['mail.storage_full.yaml:15: answer.ko is empty']);
  });

  it('rejects broken variable braces and repeated keys', async () => {
    expect(await withLine(16, '  en: Delete attachments in {{service_name} to free space.')).toEqual([
      'mail.storage_full.yaml:16: broken variable "{{" in answer.en: write variables as {{name}}, with one of service_name, help_url, inquiry_url, support_email, support_phone, phone_hours, response_hours',
    ]);
    expect(await withLine(7, 'kind: faq')).toEqual(['mail.storage_full.yaml:7: YAML syntax error: Map keys must be unique: a field appears twice']);
  });

  it('allows {{variables}} in answers only', async () => {
    expect(await withLine(5, '  en: "{{service_name}} storage"')).toEqual([
      'mail.storage_full.yaml:5: title.en cannot use {{variables}}: titles are shown exactly as written',
    ]);
  });

  it('explains that text starting with {{ needs quotes', async () => {
    const [problem] = await withLine(16, '  en: {{service_name}} keeps your mail.');
    expect(problem).toMatch(/^mail\.storage_full\.yaml:16: YAML syntax error: .*: text that starts with \{\{ must be quoted, e\.g\. "\{\{service_name\}\} \.\.\." or written as a \| block/);
  });

  it('warns about an example repeated within one intent', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-kb-'));
    const text = await readFile(`${FIXTURES}/valid/mail.storage_full.yaml`, 'utf8');
    await writeFile(join(dir, 'mail.storage_full.yaml'), text.replace('    - my mailbox is full\n', '    - my mailbox is full\n    - My  mailbox is FULL.\n'));
    const { problems } = await loadIntentsDir(dir);
    expect(problems.map((p) => formatProblem(p).slice(dir.length + 1))).toContain(
      'mail.storage_full.yaml:14: warning: example "My  mailbox is FULL." repeats examples.en item 1 (line 13): remove one',
    );
  });

  it('reports an empty file and tabs used for indentation', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-kb-'));
    await writeFile(join(dir, 'a.b.yaml'), '');
    await writeFile(join(dir, 'c.d.yaml'), 'id: c.d\ntitle:\n\tko: x\n');
    const { problems } = await loadIntentsDir(dir);
    expect(problems.map((p) => formatProblem(p).slice(dir.length + 1))).toEqual([
      'a.b.yaml: the file is empty: write one intent (id:, kind:, title:, ...)',
      'c.d.yaml:3: YAML syntax error: Tabs are not allowed as indentation: indent with spaces',
    ]);
  });

  it('warns about .yml files instead of silently skipping them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-kb-'));
    await writeFile(join(dir, 'mail.storage_full.yml'), await readFile(`${FIXTURES}/valid/mail.storage_full.yaml`, 'utf8'));
    const { intents, problems } = await loadIntentsDir(dir);
    expect(intents).toEqual([]);
    expect(problems).toEqual([
      { file: dir, line: null, severity: 'error', message: 'no intent files: the directory needs one <id>.yaml file per intent' },
      { file: join(dir, 'mail.storage_full.yml'), line: null, severity: 'warning', message: 'ignored: intent files end in .yaml; rename it to "mail.storage_full.yaml"' },
    ]);
  });

  it('survives hostile text: control and zero-width characters, emoji, mixed scripts, a huge line', async () => {
    const hostile = `    - "\\u0000\\u200b🙂 메일 mail ${'가'.repeat(100_000)}"`;
    expect(await withLine(11, hostile)).toEqual([]);
  });
});

describe('formatProblem', () => {
  it('prints file:line: message, marks warnings, and leaves out a missing line', () => {
    expect(formatProblem({ file: 'intents/a.b.yaml', line: 3, severity: 'error', message: 'x' })).toBe('intents/a.b.yaml:3: x');
    expect(formatProblem({ file: 'intents/a.b.yaml', line: 3, severity: 'warning', message: 'x' })).toBe('intents/a.b.yaml:3: warning: x');
    expect(formatProblem({ file: 'intents', line: null, severity: 'error', message: 'x' })).toBe('intents: x');
  });
});

describe('out-of-scope examples (_out_of_scope.yaml)', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A copy of the valid fixtures plus _out_of_scope.yaml with `source`. */
  async function withOutOfScope(source: string): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-oos-'));
    for (const name of ['mail.spam.yaml', 'mail.storage_full.yaml']) await writeFile(join(dir, name), await readFile(`${FIXTURES}/valid/${name}`, 'utf8'));
    await writeFile(join(dir, '_out_of_scope.yaml'), source);
    return dir;
  }

  it('loads them apart from the intents, and the shipped directory has both languages', async () => {
    const { intents, outOfScope, problems } = await loadIntentsDir(await withOutOfScope('examples:\n  ko:\n    - 오늘 날씨 어때요\n  en:\n    - what is the weather like\n'));
    expect(errorsOf(problems)).toEqual([]);
    expect(intents.map((i) => i.id)).toEqual(['mail.spam', 'mail.storage_full']);
    expect(outOfScope).toEqual({ ko: ['오늘 날씨 어때요'], en: ['what is the weather like'] });
    const shipped = await loadIntentsDir('intents');
    expect(shipped.outOfScope.ko.length).toBeGreaterThan(100);
    expect(shipped.outOfScope.en.length).toBeGreaterThan(100);
  });

  it('is empty without the file', async () => {
    expect((await loadIntentsDir(`${FIXTURES}/valid`)).outOfScope).toEqual({ ko: [], en: [] });
  });

  it('reports an example that is also an intent example, naming both places', async () => {
    const d = await withOutOfScope('examples:\n  ko: []\n  en:\n    - recipes please\n    - "Legit mail goes to SPAM!"\n');
    const { problems } = await loadIntentsDir(d);
    expect(errorsOf(problems).map(formatProblem)).toEqual([
      `${d}/_out_of_scope.yaml:5: "Legit mail goes to SPAM!" is out of scope here but an example of mail.spam (${d}/mail.spam.yaml:${await lineOf(`${d}/mail.spam.yaml`, 'legit mail goes to spam')}): keep it in one place only`,
    ]);
  });

  it('reports a wrong shape at its line', async () => {
    const d = await withOutOfScope('examples:\n  ko:\n    - 날씨\n  eng:\n    - weather\n');
    const printed = errorsOf((await loadIntentsDir(d)).problems).map(formatProblem);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(new RegExp(`^${d}/_out_of_scope.yaml:4: .*"eng".*"en"`));
  });
});
