/** Composition root: the only place where configuration, knowledge, store, core and channels meet. */
import { CalendarConfigError, createBusinessCalendar, DEFAULT_CALENDAR_OPTIONS, parseHolidayList, parseWorkdays } from './cases/business-calendar.js';
import { generateCaseId } from './cases/case-id.js';
import type { ChannelName } from './cases/types.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { createBot, type Bot, type BotKnowledge } from './core/bot.js';
import type { AgentDestination, ChannelAdapter } from './channels/contract.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import type { Lang } from './knowledge/types.js';
import { fillVariables } from './knowledge/variables.js';
import { loadKnowledgeBase, watchKnowledgeBase } from './knowledge/watch.js';
import { formatProblem } from './knowledge/load.js';
import { createLogger } from './log.js';
import { unusedRouteWarning } from './route-checks.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/port.js';

/** How to start deskbot; everything not given comes from the environment (see README). */
export interface StartOptions {
  adapters: ChannelAdapter[];
  config?: AppConfig;
  dataDir?: string;
  intentsDir?: string;
  routes?: Record<string, AgentDestination>;
  /** The clock (pinned in tests and scripted runs). */
  now?: () => Date;
  /** Reload intents/ when it changes (default true). */
  watch?: boolean;
  /** How often SLA timers are checked; 0 disables the interval (scripts call tick()). */
  tickEveryMs?: number;
  /** Use this store instead of opening one from the configuration. */
  store?: Store;
}

/** A running deskbot. */
export interface Deskbot {
  bot: Bot;
  store: Store;
  config: AppConfig;
  stop(): Promise<void>;
}

/** Starts deskbot with the given channel adapters and returns a handle to stop it. */
export async function startDeskbot(options: StartOptions): Promise<Deskbot> {
  const base = options.config ?? loadConfig({});
  const config: AppConfig = {
    ...base,
    dataDir: options.dataDir ?? base.dataDir,
    intentsDir: options.intentsDir ?? base.intentsDir,
    routes: options.routes ?? base.routes,
  };
  const logger = createLogger('core');
  const clock = options.now ?? (() => new Date());
  const kbOptions = config.nluThreshold === undefined ? {} : { threshold: config.nluThreshold };
  const initial = await loadKnowledgeBase(config.intentsDir, kbOptions);
  let knowledge = toBotKnowledge(initial, config.variables);
  const warnUnusedRoutes = (kb: KnowledgeBase) => {
    const warning = unusedRouteWarning(config.routes, kb.intents.map((i) => i.route), config.intentsDir);
    if (warning) logger.warn(warning);
  };
  warnUnusedRoutes(initial);
  const watcher =
    options.watch === false
      ? undefined
      : watchKnowledgeBase(
          config.intentsDir,
          {
            ...kbOptions,
            initial,
            onFolder: (event) =>
              event === 'gone'
                ? logger.warn({ dir: config.intentsDir }, 'the intents folder is gone; the last knowledge base keeps serving until it is back')
                : logger.info({ dir: config.intentsDir }, 'the intents folder is back; reloading it'),
          },
          (kb) => {
            knowledge = toBotKnowledge(kb, config.variables);
            logger.info({ intents: kb.intents.length }, 'knowledge base reloaded');
            warnUnusedRoutes(kb);
          },
          (problems) => logger.warn({ problems: problems.map(formatProblem) }, 'intents/ has errors; the last good knowledge base keeps serving'),
        );
  const store = options.store ?? (await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  const calendar = businessCalendarOf(config);
  const adapters = new Map<ChannelName, ChannelAdapter>(options.adapters.map((a) => [a.name, a]));
  const bot = createBot({
    store,
    knowledge: () => knowledge,
    clock,
    settings: {
      timeZone: config.timeZone,
      responseHours: config.responseHours,
      reminderHours: config.slaReminderHours,
      autoCloseDays: config.autoCloseDays,
      routes: config.routes,
      defaultLang: 'ko',
      retentionDays: config.retentionDays,
    },
    dueFor: (openedAt) => ({ dueAt: calendar.addBusinessHours(openedAt, config.responseHours), peak: calendar.isPeak(openedAt) }),
    newCaseId: () => generateCaseId(),
    adapters,
    logger,
  });
  for (const adapter of options.adapters) await adapter.start(bot.handlers);
  await bot.deliverPending();
  await bot.applyRetention();
  const tickEvery = options.tickEveryMs ?? 60_000;
  const timer = tickEvery > 0 ? setInterval(() => void bot.tick(), tickEvery) : undefined;
  timer?.unref();
  return {
    bot,
    store,
    config,
    async stop() {
      if (timer) clearInterval(timer);
      watcher?.close();
      for (const adapter of options.adapters) await adapter.stop();
      if (!options.store) await store.close();
    },
  };
}

/** The operator's business calendar; a bad BUSINESS_DAYS or HOLIDAYS is a configuration error. */
function businessCalendarOf(config: AppConfig) {
  try {
    return createBusinessCalendar({
      ...DEFAULT_CALENDAR_OPTIONS,
      timeZone: config.timeZone,
      workdays: parseWorkdays(config.businessDays),
      ...config.businessHours,
      holidays: config.holidays ? parseHolidayList(config.holidays) : DEFAULT_CALENDAR_OPTIONS.holidays,
      peakWindows: config.peakHours,
    });
  } catch (e) {
    if (e instanceof CalendarConfigError) throw new ConfigError(`Invalid configuration:\n  ${e.message}`);
    throw e;
  }
}

/** Wraps a knowledge base with the operator's variables filled into answers. */
function toBotKnowledge(kb: KnowledgeBase, variables: Record<string, string>): BotKnowledge {
  return {
    matcher: kb.matcher,
    byId: (id) => kb.byId(id),
    answer: (intent, lang: Lang) => fillVariables(intent.answer[lang], variables, lang),
  };
}
