/** Assigning messages writes them as examples, keeping each file as it was written, and refuses a change that breaks the knowledge base. */
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addExamples } from '../../src/knowledge/add-examples.js';
import { loadIntentsDir } from '../../src/knowledge/load.js';

function copyOfIntents(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'deskbot-assign-')), 'intents');
  cpSync('intents', dir, { recursive: true });
  return dir;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('adding examples from the review inbox', () => {
  it('appends to the language’s list and changes nothing else of the file: comments, order and long lines stay', async () => {
    const dir = copyOfIntents();
    const before = read(dir, '_out_of_scope.yaml');
    const outcome = await addExamples(dir, 'out_of_scope', [
      { lang: 'ko', text: '로또 번호 추천해줘' },
      { lang: 'en', text: 'lotto numbers please: "7, 13"' },
    ]);
    expect(outcome).toEqual({ written: join(dir, '_out_of_scope.yaml'), added: 2 });
    const after = read(dir, '_out_of_scope.yaml').split('\n');
    const removed = before.split('\n').filter((line) => !after.includes(line));
    expect(removed).toEqual([]);
    expect(after.length - before.split('\n').length).toBe(2);
    expect((await loadIntentsDir(dir)).outOfScope.en).toContain('lotto numbers please: "7, 13"');
  });

  it('refuses an example that another intent already has, with the reason, and writes nothing', async () => {
    const dir = copyOfIntents();
    const before = readdirSync(dir).map((f) => read(dir, f));
    const outcome = await addExamples(dir, { intent: 'account.find_id' }, [{ lang: 'ko', text: '비번 까먹었어요' }]);
    expect(outcome).toEqual({ refused: [expect.stringMatching(/example "비번 까먹었어요" is also an example of account\.(find_id|password_reset)/)] });
    expect(JSON.stringify(outcome)).not.toContain('deskbot-intents-');
    expect(readdirSync(dir).map((f) => read(dir, f))).toEqual(before);
  });

  it('refuses an intent that does not exist', async () => {
    expect(await addExamples(copyOfIntents(), { intent: 'account.nope' }, [{ lang: 'en', text: 'x y z' }])).toEqual({ refused: [expect.stringContaining('there is no intent "account.nope"')] });
  });
});
