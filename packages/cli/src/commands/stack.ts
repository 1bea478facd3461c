import { startBroker, stopBroker } from '@callpulse/broker';
import {
  isUnused,
  listDestinations,
  listKeywordLists,
  putDestination,
  putKeywordList,
  putRule,
  safeTarget,
} from '@callpulse/db';
import { toRuleRecord } from '@callpulse/rules';
import { allTopics, createKafka, ensureTopics, topicNames } from '@callpulse/kafka';
import { createLogger } from '@callpulse/runtime';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.js';
import { brokerDataDir, cacheDir, databaseUrl, dataDir, kafkaPort, settings } from '../settings.js';
import { acquireStackLock } from '../stack/lock.js';
import { formatLogLine } from '../stack/log-format.js';
import { assertPortsFree } from '../stack/ports.js';
import { supervise } from '../stack/supervisor.js';
import { parseDestinationsJson } from './destinations.js';
import { parseKeywordListsJson, withPool } from './keywords.js';
import { parseRulesJson } from './rules.js';
import { applyMigrations } from './migrate.js';

export const usage = `callpulse stack   (npm start)
  Runs the whole pipeline here: Kafka (KAFKA_BROKERS, or a local broker it starts),
  Postgres (DATABASE_URL, or the local server; database created and migrated), keyword
  lists from KEYWORD_LISTS_FILE, alert destinations from DESTINATIONS_FILE and rules from
  RULES_FILE (examples on a new database), then ingest, analyzer, writer, notifier and api
  as processes.
  Ctrl-C stops everything it started.`;

const SERVICES = ['ingest', 'analyzer', 'writer', 'notifier', 'api'] as const;
const require = createRequire(import.meta.url);

const serviceScript = (name: string): string => {
  try {
    return require.resolve(`@callpulse/${name}`);
  } catch {
    throw new CliError(`service ${name} is not built; run \`npm install\` at the repository root`);
  }
};

const waitReady = async (urls: string[], timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(urls);
  while (pending.size > 0 && Date.now() < deadline) {
    for (const url of pending) {
      const res = await fetch(url).catch(() => null);
      if (res?.status === 200) pending.delete(url);
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 250));
  }
  return pending.size === 0;
};

// Shipped with the repository, so a first `npm start` finds something in what callers say.
const example = (file: string): string =>
  fileURLToPath(new URL(`../../../../config/${file}`, import.meta.url));

const readJsonFile = async (file: string, origin: string): Promise<string> =>
  readFile(file, 'utf8').catch(() => {
    throw new CliError(`${origin}: cannot read ${file}`);
  });

/**
 * KEYWORD_LISTS_FILE, DESTINATIONS_FILE and RULES_FILE when set; on a database no one has
 * used yet, the examples from config/ (destinations disabled until they have a URL),
 * saying so and how to change them.
 */
const applyStartupConfig = async (
  {
    listsFile,
    destinationsFile,
    rulesFile,
  }: { listsFile: string; destinationsFile: string; rulesFile: string },
  say: (line: string) => void,
): Promise<void> => {
  await withPool(async (pool) => {
    const fresh = await isUnused(pool);
    const lists = listsFile || (fresh ? example('keyword-lists.example.json') : '');
    if (lists) {
      const parsed = parseKeywordListsJson(await readJsonFile(lists, 'KEYWORD_LISTS_FILE'), lists);
      for (const list of parsed) await putKeywordList(pool, list);
      say(`keyword lists from ${lists}: ${parsed.map((l) => l.name).join(', ')}`);
    }
    const destinations = destinationsFile || (fresh ? example('destinations.example.json') : '');
    if (destinations) {
      const parsed = await parseDestinationsJson(
        await readJsonFile(destinations, 'DESTINATIONS_FILE'),
        destinations,
      );
      for (const d of parsed) await putDestination(pool, d);
      say(
        `destinations from ${destinations}: ${parsed.map((d) => `${d.name}${d.enabled ? '' : ' (disabled)'}`).join(', ')}`,
      );
    }
    const rules = rulesFile || (fresh ? example('rules.example.json') : '');
    if (rules) {
      const names = (await listKeywordLists(pool)).map((l) => l.name);
      const known = (await listDestinations(pool)).map((d) => d.name);
      const parsed = parseRulesJson(await readJsonFile(rules, 'RULES_FILE'), rules, names, known);
      for (const rule of parsed) await putRule(pool, toRuleRecord(rule));
      say(`rules from ${rules}: ${parsed.map((r) => r.name).join(', ')}`);
    }
    if (fresh && (!listsFile || !destinationsFile || !rulesFile)) {
      say(
        'new database: loaded the examples from config/; change them with `npx callpulse keywords set FILE`, ' +
          '`npx callpulse destinations set FILE` and `npx callpulse rules set FILE`, the API ' +
          '(PUT /keyword-lists/NAME, PUT /destinations/NAME, PUT /rules/NAME), ' +
          'or KEYWORD_LISTS_FILE, DESTINATIONS_FILE and RULES_FILE',
      );
    }
  });
};

export const run = async (): Promise<void> => {
  const started = Date.now();
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const print = (service: string, line: string): void =>
    console.log(formatLogLine(service, line, color));
  const say = (line: string): void => print('stack', line);

  const env = settings();
  const ports = {
    ingest: env.INGEST_PORT,
    api: env.API_PORT,
    analyzer: env.ANALYZER_HTTP_PORT,
    writer: env.WRITER_HTTP_PORT,
    notifier: env.NOTIFIER_HTTP_PORT,
  };
  const releaseLock = await acquireStackLock(join(dataDir(), 'stack.pid'));
  const cleanups: (() => Promise<unknown>)[] = [releaseLock];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse())
      await step().catch((e: unknown) => say(`cleanup: ${String(e)}`));
  };
  try {
    await assertPortsFree(Object.entries(ports).map(([name, port]) => ({ name, port })));

    // KAFKA_BROKERS set by the user: their broker; otherwise a local one, started here.
    let brokers = process.env.KAFKA_BROKERS ? env.KAFKA_BROKERS.join(',') : '';
    if (!brokers) {
      say(`starting the local Kafka broker on 127.0.0.1:${kafkaPort()}`);
      const broker = await startBroker({
        port: kafkaPort(),
        dataDir: brokerDataDir(),
        cacheDir: cacheDir(),
        onProgress: (line: string) => print('kafka', line),
      });
      brokers = broker.brokers;
      say(
        `Kafka ready at ${brokers}${broker.reused ? ' (already running)' : ''}; log: ${broker.logFile}`,
      );
      if (!broker.reused) cleanups.push(() => stopBroker({ dataDir: brokerDataDir() }));
    }

    // Topics first, so four services starting at once do not race to create them.
    const kafka = createKafka({
      brokers: brokers.split(','),
      clientId: 'callpulse-stack',
      logger: createLogger({ service: 'stack', level: 'error' }),
    });
    const created = await ensureTopics(
      kafka,
      allTopics(topicNames(env.KAFKA_TOPIC_PREFIX)).map((topic) => ({
        topic,
        numPartitions: env.KAFKA_PARTITIONS,
        replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      })),
    );
    if (created.length) say(`created topics ${created.join(', ')}`);

    const dbUrl = databaseUrl();
    await applyMigrations(dbUrl, say);
    await applyStartupConfig(
      {
        listsFile: env.KEYWORD_LISTS_FILE,
        destinationsFile: env.DESTINATIONS_FILE,
        rulesFile: env.RULES_FILE,
      },
      say,
    );

    const serviceEnv = {
      // Alerts link to this stack's api, on whatever port it was given.
      ALERTS_LINK_BASE_URL: `http://127.0.0.1:${ports.api}`,
      ...process.env,
      KAFKA_BROKERS: brokers,
      DATABASE_URL: dbUrl,
    };
    const supervisor = supervise(
      SERVICES.map((name) => ({ name, script: serviceScript(name), env: serviceEnv })),
      { log: print, say },
    );
    cleanups.push(() => supervisor.stop());

    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: stopping everything`);
      void cleanup().then(() => {
        say('stopped');
        process.exit(0);
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));

    const ready = await waitReady(
      [
        `http://127.0.0.1:${ports.ingest}/readyz`,
        `http://127.0.0.1:${ports.api}/readyz`,
        `http://127.0.0.1:${ports.analyzer}/readyz`,
        `http://127.0.0.1:${ports.writer}/readyz`,
        `http://127.0.0.1:${ports.notifier}/readyz`,
      ],
      90_000,
    );
    if (stopping) return;
    const db = new URL(dbUrl);
    say(
      ready
        ? `ready in ${((Date.now() - started) / 1000).toFixed(1)} s`
        : 'not every service is ready yet; see the log above',
    );
    say(
      `  live view: http://127.0.0.1:${ports.api}/${process.env.API_TOKEN ? '   (log in with API_TOKEN)' : ''}`,
    );
    say(`  webhooks: POST http://127.0.0.1:${ports.ingest}/webhooks`);
    say(
      `  API:      http://127.0.0.1:${ports.api}/calls , /keyword-lists , /rules , /destinations , /alerts`,
    );
    say(
      `  psql:     psql -h ${db.hostname} -p ${db.port || 5432} -U ${decodeURIComponent(db.username || 'postgres')} ${db.pathname.slice(1)} -c 'SELECT * FROM call_sentiment'`,
    );
    say(
      `  try it:   npx callpulse send --calls 5   (Ctrl-C stops the stack; database ${safeTarget(dbUrl)})`,
    );
  } catch (error) {
    await cleanup();
    throw error;
  }
  // Keep running: the supervisor's children and signal handlers hold the event loop.
};
