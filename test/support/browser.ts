/**
 * A real headless Chromium for end-to-end tests: where it is, whether a test file runs without it (skipped on a
 * developer's machine, a failure under CI), serving a hono app on an ephemeral loopback port, and axe-core's check.
 */
import { serve } from '@hono/node-server';
import axe from 'axe-core';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where apt installs Chromium (Debian's `chromium` package); .ci/run installs it when missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser tests are skipped: no Chromium, and not under CI (where a missing Chromium is a failure). */
export const SKIP_BROWSER = !existsSync(CHROMIUM) && !process.env.CI;

/** Launches Chromium headless, or throws saying how to install it (the case under CI). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing, and CI is set so the browser tests must run: install it (apt-get install -y chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A server for `fetch` on 127.0.0.1 and a port the system picks; its address and how to stop it. */
export async function serveOnLoopback(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One axe finding, as much as a failure message needs. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is (its script injected; the context must bypass the CSP). */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
