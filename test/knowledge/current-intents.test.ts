/** intents/ as the dashboard and the review inbox read it: loaded once while intents/ is unchanged, and again as soon as a file in it changes. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { currentIntents } from '../../src/knowledge/current-intents.js';

it('reads intents/ again after a file in it changes, and not before', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'deskbot-intents-memo-')), 'intents');
  cpSync('intents', dir, { recursive: true });
  const added = '알림이 하나도 안 울려요 어제부터';
  const koExamples = async () => (await currentIntents(dir)).intents.find((i) => i.id === 'app.push')?.examples.ko ?? [];
  const first = await currentIntents(dir);
  expect(await currentIntents(dir)).toBe(first);
  expect(await koExamples()).not.toContain(added);
  const file = join(dir, 'app.push.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(\n {2}ko:\n)/, `$1    - ${added}\n`));
  expect(await koExamples()).toContain(added);
  rmSync(dir, { recursive: true, force: true });
});
