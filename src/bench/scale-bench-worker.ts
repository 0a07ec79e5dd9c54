/**
 * Worker process of the scale benchmark (forked by scale-bench.ts): one whole deskbot on a PostgreSQL schema,
 * driving its own conversations concurrently once told to go, and reporting each turn's latency.
 */
import { createConsoleAdapter } from '../channels/console/console-adapter.js';
import { loadConfig } from '../config.js';
import { createClock } from '../core/clock.js';
import { startDeskbot } from '../main.js';
import { openPostgresStore } from '../store/postgres-store.js';
import { SCALE_SCRIPT, type ScaleWorkerOptions, type ScaleWorkerResult } from './scale-bench.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ScaleWorkerOptions;
const store = await openPostgresStore({ connectionString: options.connectionString, schema: options.schema, applicationName: `deskbot-bench-${options.label}` });
const clock = createClock(new Date(options.now));
const adapter = createConsoleAdapter(() => undefined);
const config = { ...loadConfig({}), routes: { default: { route: 'default', channel: 'console' as const, target: '' } } };
const deskbot = await startDeskbot({ adapters: [adapter], config, store, now: () => clock.now(), watch: false, tickEveryMs: 0 });
const handlers = adapter.handlers();
let sent = 0;

/** Runs the script once in a new conversation, pushing each turn's latency. */
async function converse(user: string, latencies: number[] | undefined): Promise<void> {
  for (const line of SCALE_SCRIPT) {
    const started = performance.now();
    await handlers.onMessage({ id: `${user}-${sent++}`, channel: 'console', conversationId: user, user: { id: user, isBot: false }, text: line.text ?? '', choice: line.choice });
    latencies?.push(performance.now() - started);
  }
}

// One unmeasured conversation first, so compilation and connection set-up are not counted.
await converse(`${options.label}-warm`, undefined);
process.send?.('ready');
await new Promise((resolve) => process.once('message', resolve));
const latencies: number[] = [];
const cpuBefore = process.cpuUsage();
await Promise.all(
  Array.from({ length: options.conversations }, async (_, lane) => {
    for (let round = 0; round < options.rounds; round++) await converse(`${options.label}-c${lane}-r${round}`, latencies);
  }),
);
const cpu = process.cpuUsage(cpuBefore);
process.send?.({ latencies, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies ScaleWorkerResult);
await deskbot.stop();
await store.close();
process.disconnect?.();
