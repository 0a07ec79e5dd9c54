/**
 * Serving the dashboard's application over HTTP (@hono/node-server) for `deskbot dashboard` and `deskbot start`:
 * listening (a failure is one line naming the address), the statistics' cache built once it listens, the address
 * to print, and closing.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDashboardApp } from './dashboard-app.js';
import type { DashboardSettings } from './dashboard-settings.js';
import { warmOverview, type DashboardSources } from './page-data.js';

/** A dashboard that listens. */
export interface ServedDashboard {
  /** Where it answers, e.g. `http://127.0.0.1:3100/`. */
  url: string;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
}

/** Serves the dashboard on the settings' host and port; resolves once it listens, or with the one-line reason it cannot. */
export async function serveDashboard(sources: DashboardSources, settings: DashboardSettings): Promise<ServedDashboard | string> {
  const app = createDashboardApp({ ...sources, token: settings.token, secureCookies: settings.secureCookies, usersFile: settings.usersFile });
  const server = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (e) {
    return `cannot listen on ${settings.host}:${settings.port}: ${(e as Error).message}`;
  }
  // In the background: a failure here is met again, and shown, by the first Overview; closing does not wait for it.
  warmOverview(sources).catch(() => undefined);
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') && !settings.host.startsWith('[') ? `[${settings.host}]` : settings.host;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
