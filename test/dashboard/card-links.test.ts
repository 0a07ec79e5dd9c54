/**
 * A case page links to the case's card where the platform gave a link: a case opened through the real Bolt app on
 * the fake Slack links to Slack's permalink of its card, one opened through discord.js on the fake Discord to its
 * forum post. The link is what the platform returned when the card was posted, kept with the case.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../src/cases/case-id.js';
import { caseBody } from '../../src/dashboard/cases-page.js';
import { createDashboardApp } from '../../src/dashboard/dashboard-app.js';
import { textsOf } from '../../src/dashboard/dashboard-texts.js';
import type { Store } from '../../src/store/port.js';
import type { ChannelHarness } from '../channels/harness.js';
import { openDiscordHarness } from '../channels/discord/discord-harness.js';
import { AGENTS_CHANNEL, openSlackHarness } from '../channels/slack/slack-harness.js';
import { makeCase } from '../store/builders.js';
import { browserOf, csrfIn, form } from '../support/dashboard-browser.js';

const TOKEN = 'operator-token-for-card-links-0123';
const open: ChannelHarness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

/** Opens a case as a user of the harness and returns its id. */
async function openCase(h: ChannelHarness, user: string): Promise<string> {
  await h.userSays(user, '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
  await h.press(user, 'not_solved');
  const receipt = (await h.press(user, 'confirm')).map((m) => m.text).join('\n');
  const id = findCaseIdInText(receipt);
  if (!id) throw new Error(`no case id in: ${receipt}`);
  return id;
}

/** The links of a case page signed in to a dashboard on this store, with their texts. */
async function linksOnCasePage(store: Store, caseId: string, lang: 'en' | 'ko' = 'en'): Promise<Array<{ href: string; text: string }>> {
  const app = createDashboardApp({ store, dataDir: '', intentsDir: 'intents', timeZone: 'Asia/Seoul', routes: ['default'], now: () => new Date(), token: TOKEN, secureCookies: false });
  const go = browserOf(app);
  const csrf = csrfIn(await (await go('/sign-in')).text());
  expect((await go('/sign-in', form({ _csrf: csrf, token: TOKEN }))).status).toBe(303);
  const page = await (await go(`/cases/${caseId}?lang=${lang}`)).text();
  return [...page.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: m[1], text: m[2] })).filter((l) => l.href.startsWith('http'));
}

describe('case page links to the case card', () => {
  it('on Slack: the permalink Slack gave for the card message', async () => {
    const h = await openSlackHarness();
    open.push(h);
    const caseId = await openCase(h, 'U71');
    const card = h.cardOf(caseId);
    expect(card).toBeDefined();
    const permalink = `https://fake-workspace.slack.com/archives/${AGENTS_CHANNEL}/p${card!.ts.replace('.', '')}`;
    expect(await linksOnCasePage(h.deskbot.store, caseId)).toEqual([{ href: permalink, text: 'Open the case card on Slack' }]);
    expect(await linksOnCasePage(h.deskbot.store, caseId, 'ko')).toEqual([{ href: permalink, text: 'Slack에서 문의 카드 열기' }]);
  });

  it('on Slack: no link, and the card still works, when Slack refuses the permalink', async () => {
    const h = await openSlackHarness();
    open.push(h);
    h.fake.failNext('chat.getPermalink', { error: 'ratelimited' });
    const caseId = await openCase(h, 'U72');
    expect(h.cardOf(caseId)).toBeDefined();
    expect(await linksOnCasePage(h.deskbot.store, caseId)).toEqual([]);
    await h.agentDoes('A1', caseId, 'claim');
    expect(h.userSide('U72').map((m) => m.text).join('\n')).toContain('확인하기 시작');
  });

  it('on Discord: the case’s forum post in the agents’ server', async () => {
    const h = await openDiscordHarness();
    open.push(h);
    const caseId = await openCase(h, 'u-card');
    const thread = h.caseThread(caseId);
    expect(thread).toBeDefined();
    expect(await linksOnCasePage(h.deskbot.store, caseId)).toEqual([{ href: `https://discord.com/channels/${h.fake.ids.guild}/${String(thread!.id)}`, text: 'Open the case card on Discord' }]);
  });
});

describe('case page card links from a store', () => {
  it('shows only https links of known platforms, whatever a store holds', async () => {
    const c = makeCase('LINKS1', { cardLinks: { slack: 'javascript:alert(1)', discord: 'https://discord.com/channels/1/2', console: 'https://example.com/x' } });
    const page = String(await caseBody(c, [], new Date(), 'Asia/Seoul', textsOf('en')));
    expect(page).toContain('<a href="https://discord.com/channels/1/2" rel="noreferrer">Open the case card on Discord</a>');
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('example.com');
  });
});
