/** Composition root: the only place where configuration, knowledge, store, core and channels meet. */
import type { Logger } from 'pino';
import { createBusinessCalendar, DEFAULT_CALENDAR_OPTIONS } from './cases/business-calendar.js';
import { generateCaseId } from './cases/case-id.js';
import type { ChannelName } from './cases/types.js';
import { loadConfig, type AppConfig } from './config.js';
import { createBot, type Bot, type BotKnowledge } from './core/bot.js';
import type { AgentDestination, ChannelAdapter } from './channels/contract.js';
import { createEncoderFusion, type EncoderFusion } from './knowledge/encoder-fusion.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import type { Lang } from './knowledge/types.js';
import { fillVariables } from './knowledge/variables.js';
import { createServiceFinder } from './nlu/other-services.js';
import { loadKnowledgeBase, watchKnowledgeBase } from './knowledge/watch.js';
import { formatProblem } from './knowledge/load.js';
import { createLogger } from './log.js';
import { embeddingCacheFile } from './nlu/embedding-cache.js';
import type { SentenceEncoder } from './nlu/sentence-encoder.js';
import { createUseLiteEncoder } from './nlu/use-lite/encoder.js';
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
  /** Use this sentence encoder (null: none) instead of the one NLU_ENCODER names. */
  encoder?: SentenceEncoder | null;
  /** Makes the new cases' ids (random by default; known ids in tests whose output is kept, like screenshots). */
  newCaseId?: () => string;
}

/** A running deskbot. */
export interface Deskbot {
  bot: Bot;
  store: Store;
  config: AppConfig;
  /** The sentence encoder's side of matching; absent with NLU_ENCODER=none. */
  fusion?: EncoderFusion;
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
  const fusion = encoderFusionOf(config, options.encoder, logger);
  let knowledge = toBotKnowledge(initial, config.variables, fusion);
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
            knowledge = toBotKnowledge(kb, config.variables, fusion);
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
      agentsLang: config.agentsLang,
    },
    dueFor: (openedAt) => ({ dueAt: calendar.addBusinessHours(openedAt, config.responseHours), peak: calendar.isPeak(openedAt) }),
    newCaseId: options.newCaseId ?? (() => generateCaseId()),
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
    fusion,
    async stop() {
      if (timer) clearInterval(timer);
      watcher?.close();
      await fusion?.close();
      for (const adapter of options.adapters) await adapter.stop();
      if (!options.store) await store.close();
    },
  };
}

/** The operator's business calendar (its settings were checked by loadConfig). */
function businessCalendarOf(config: AppConfig) {
  return createBusinessCalendar({
    ...DEFAULT_CALENDAR_OPTIONS,
    timeZone: config.timeZone,
    workdays: config.workdays,
    ...config.businessHours,
    holidays: config.holidays,
    peakWindows: config.peakHours,
  });
}

/**
 * How long after start-up the encoder's thread starts: loading TensorFlow.js takes about 0.5 s of CPU, which on a
 * busy 2-core machine would delay the first answer (`npm run bench -- startup`).
 */
const ENCODER_START_DELAY_MS = 1000;

/**
 * The sentence encoder NLU_ENCODER names (or the one given), started in the background and fused with the lexical
 * matcher; its embeddings of the knowledge base are cached in the data folder.
 */
function encoderFusionOf(config: AppConfig, given: SentenceEncoder | null | undefined, logger: Logger): EncoderFusion | undefined {
  const encoder = given === undefined ? (config.nluEncoder === 'none' ? null : createUseLiteEncoder({ startDelayMs: ENCODER_START_DELAY_MS, onOutput: (line) => logger.debug({ line }, 'sentence encoder output') })) : given;
  if (encoder === null) return undefined;
  return createEncoderFusion({ encoder, cacheFile: embeddingCacheFile(config.dataDir, encoder), logger });
}

/** Wraps a knowledge base with the operator's variables filled into answers, and its matcher fused with the encoder. */
function toBotKnowledge(kb: KnowledgeBase, variables: Record<string, string>, fusion: EncoderFusion | undefined): BotKnowledge {
  return {
    matcher: fusion ? fusion.matcherFor(kb) : kb.matcher,
    byId: (id) => kb.byId(id),
    answer: (intent, lang: Lang) => fillVariables(intent.answer[lang], variables, lang),
    otherServiceIn: createServiceFinder(kb.otherServices, variables.service_name),
  };
}
