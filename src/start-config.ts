/** Everything `deskbot start` needs from the environment, checked in one pass so that every problem is listed at once. */
import type { DiscordConfig } from './channels/discord/config.js';
import type { SlackConfig } from './channels/slack/config.js';
import { collect, ConfigError, loadConfig, parseChannels, parseRoutes, type AppConfig } from './config.js';
import { dashboardSettings, servesDashboardBesideBot, type DashboardSettings } from './dashboard/dashboard-settings.js';
import { unservedRouteProblems } from './route-checks.js';

/** The validated settings of `deskbot start`: the core's and those of each platform in CHANNELS. */
export interface StartConfig {
  config: AppConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  /** The dashboard served beside the bot, when DASHBOARD_PORT is set. */
  dashboard?: DashboardSettings;
}

/**
 * Reads the core, Slack and Discord settings and checks that every route's agents are on a platform that runs, and the dashboard's settings when DASHBOARD_PORT is set;
 * throws one ConfigError listing every problem (core, Slack and Discord together). Platform code is loaded only when named.
 */
export async function startConfigFromEnv(env: NodeJS.ProcessEnv): Promise<StartConfig> {
  const problems: string[] = [];
  const config = collect(problems, () => loadConfig(env));
  // When another variable is invalid, CHANNELS and ROUTES are read alone so their checks still run.
  const channels = config?.channels ?? collect([], () => parseChannels(env.CHANNELS ?? 'console')) ?? [];
  const routes = config?.routes ?? collect([], () => parseRoutes(env.ROUTES ?? 'default=console'));
  const slack = channels.includes('slack')
    ? collect(problems, (await import('./channels/slack/config.js')).slackConfigFromEnv.bind(undefined, env))
    : undefined;
  const discord = channels.includes('discord')
    ? collect(problems, (await import('./channels/discord/config.js')).discordConfigFromEnv.bind(undefined, env))
    : undefined;
  if (!channels.includes('slack') && !channels.includes('discord')) {
    problems.push(`CHANNELS: name slack and/or discord for \`deskbot start\`, e.g. CHANNELS=slack (the console runs with \`deskbot chat\`)`);
  } else if (routes) {
    problems.push(...unservedRouteProblems(routes, channels));
  }
  const dashboard = servesDashboardBesideBot(env) ? dashboardSettings(env) : undefined;
  if (typeof dashboard === 'string') problems.push(dashboard);
  else if (dashboard?.usersFile) {
    const problem = await (await import('./dashboard/users-file.js')).usersFileProblem(dashboard.usersFile);
    if (problem) problems.push(problem);
  }
  if (problems.length || !config) throw ConfigError.of(problems);
  return { config, slack, discord, dashboard: typeof dashboard === 'string' ? undefined : dashboard };
}
