/** Checks of ROUTES against what runs: platforms in CHANNELS (a route nobody serves loses cases) and the routes intents use. */
import type { ChannelName } from './cases/types.js';
import type { AgentDestination } from './channels/contract.js';

const PLATFORM_NAMES: Record<ChannelName, string> = { console: 'the console', slack: 'Slack', discord: 'Discord' };

/**
 * Problems (one line each, naming ROUTES and CHANNELS) for routes whose agents work on a platform that
 * `deskbot start` will not run with these CHANNELS: their cases would reach no agent.
 */
export function unservedRouteProblems(routes: Record<string, AgentDestination>, channels: readonly ChannelName[]): string[] {
  const platforms: ChannelName[] = channels.filter((c) => c !== 'console');
  if (platforms.length === 0) return [];
  const example = (route: string) => `${route}=${platforms[0]}:<agents' channel id>`;
  const running = `CHANNELS=${channels.join(',')}`;
  return Object.values(routes)
    .filter((d) => !platforms.includes(d.channel))
    .map((d) => {
      const written = d.channel === 'console' ? `${d.route}=console` : `${d.route}=${d.channel}:${d.target}`;
      const fix =
        d.channel === 'console'
          ? `\`deskbot start\` does not run the console (\`deskbot chat\` does): write ROUTES=${example(d.route)}`
          : `add it to CHANNELS (CHANNELS=${[...platforms, d.channel].join(',')}) or write ROUTES=${example(d.route)}`;
      return `ROUTES: ${written} sends cases to ${PLATFORM_NAMES[d.channel]}, which ${running} does not run, so no agent would see them; ${fix}`;
    });
}

/**
 * A warning for route names (other than `default`, the fallback) that no intent names in its `route:` field,
 * listing the route names the intents do use; undefined when every route is used. A misspelt route
 * (`paymnt`) is such a route, and the intents meant for it fall back to the default route.
 */
export function unusedRouteWarning(routes: Record<string, AgentDestination>, intentRoutes: Iterable<string | null>, intentsDir: string): string | undefined {
  const used = [...new Set([...intentRoutes].filter((r): r is string => r !== null))].sort();
  const unused = Object.keys(routes).filter((r) => r !== 'default' && !used.includes(r));
  if (unused.length === 0) return undefined;
  const names = unused.map((r) => `"${r}"`).join(', ');
  const existing = used.length ? `route names the intents use: ${used.join(', ')}` : 'no intent names a route (all use default)';
  return `ROUTES: no intent in ${intentsDir} uses route ${names}, so no case goes there (misspelt?); ${existing}`;
}
