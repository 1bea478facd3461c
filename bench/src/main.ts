import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchAlerts, type AlertFigures } from './alerts.js';
import { benchAnalysis } from './analysis.js';
import { benchE2e } from './e2e.js';
import { startInfra } from './infra.js';
import { benchIngest } from './ingest.js';
import { peakRssMb, root } from './processes.js';
import { benchRedaction } from './redaction.js';
import { benchReplay, benchRulesLive } from './rules.js';
import { benchWriter } from './writer.js';

// npm run bench [-- --quick] [-- --alerts-only]: figures, not pass/fail. Every ratio compares two things
// measured in this same run on this same (shared, noisy) machine.

const quick = process.argv.includes('--quick');
// Only the alert latency stage, merged into an existing bench/results.json.
const alertsOnly = process.argv.includes('--alerts-only');
const started = Date.now();
const log = (line: string): void =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const plan = quick
  ? {
      ingestRequests: 10_000,
      ingestRounds: 1,
      analysisSeconds: 4,
      writerFragments: 20_000,
      e2eRate: 1000,
      e2eSeconds: 10,
      searchRates: [2000, 4000],
      searchSeconds: 5,
      rulesSeconds: 4,
      replayCalls: 2_000,
      alertsSeconds: 20,
    }
  : {
      ingestRequests: 40_000,
      ingestRounds: 2,
      analysisSeconds: 10,
      writerFragments: 100_000,
      e2eRate: 1000,
      e2eSeconds: 30,
      searchRates: [1500, 2000, 3000, 4000, 5000, 6000, 8000],
      searchSeconds: 10,
      rulesSeconds: 10,
      replayCalls: 10_000,
      alertsSeconds: 60,
    };

log(`callpulse bench${quick ? ' --quick' : ''}: ${JSON.stringify(plan)}`);
const infra = await startInfra(log);

const alertRow = (a: AlertFigures): string =>
  `| alerts     | ${a.offeredPerSec} events/s offered (${a.achievedPerSec}/s achieved), 1 % of calls alerting: ${a.alerts} alerts to a signed webhook, HTTP 200 → receiver p50 ${a.p50Ms} ms, p99 ${a.p99Ms} ms, max ${a.maxMs} ms`;
const runAlerts = (): Promise<AlertFigures> =>
  benchAlerts({
    brokers: infra.brokers,
    databaseUrl: infra.databaseUrl,
    rate: plan.e2eRate,
    seconds: plan.alertsSeconds,
    log,
  });

if (alertsOnly) {
  try {
    log('alerts: rule match → signed webhook latency');
    const alerts = await runAlerts();
    const file = `${root}bench/results.json`;
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
    writeFileSync(file, `${JSON.stringify({ ...previous, alerts }, null, 2)}\n`);
    console.log(alertRow(alerts));
  } finally {
    await infra.close();
  }
  process.exit(0);
}

try {
  log('1/4 ingest vs a bare http server (50 connections)');
  const ingest = await benchIngest({
    brokers: infra.brokers,
    requests: plan.ingestRequests,
    rounds: plan.ingestRounds,
    log,
  });
  const ingestPeak = peakRssMb(ingest.ingestPid);
  await ingest.ingest.stop();

  log('ingest with redaction on vs off');
  const redaction = await benchRedaction({
    brokers: infra.brokers,
    requests: plan.ingestRequests,
    rounds: plan.ingestRounds + 1,
    log,
  });

  log('2/4 analysis engine vs plain sentiment.analyze');
  const analysis = benchAnalysis({ seconds: plan.analysisSeconds, log });

  log('rules: analysis with 20 rules vs without');
  const rules = benchRulesLive({ seconds: plan.rulesSeconds, log });
  log(`rules: replay over ${plan.replayCalls} stored calls`);
  const replay = await benchReplay({
    databaseUrl: infra.databaseUrl,
    calls: plan.replayCalls,
    log,
  });

  log('3/4 writer vs one COPY stream');
  const writer = await benchWriter({
    brokers: infra.brokers,
    databaseUrl: infra.databaseUrl,
    fragments: plan.writerFragments,
    log,
  });

  log('4/4 end to end: HTTP 200 → score in Postgres');
  const e2e = await benchE2e({
    brokers: infra.brokers,
    databaseUrl: infra.databaseUrl,
    rate: plan.e2eRate,
    seconds: plan.e2eSeconds,
    searchRates: plan.searchRates,
    searchSeconds: plan.searchSeconds,
    log,
  });

  log('alerts: rule match → signed webhook latency');
  const alerts = await runAlerts();

  const results = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      quick,
      date: new Date().toISOString(),
    },
    ingest: ingest.figures,
    redaction,
    analysis,
    rules,
    replay,
    writer: writer.figures,
    e2e: e2e.figures,
    alerts,
    memory: {
      ingest: Math.max(ingestPeak ?? 0, e2e.memory.ingest ?? 0) || null,
      analyzer: e2e.memory.analyzer,
      writer: Math.max(writer.peakRssMb ?? 0, e2e.memory.writer ?? 0) || null,
    },
  };
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);

  const row = (stage: string, ours: string, base: string, ratio: number | string, extra = '') =>
    `| ${stage.padEnd(10)} | ${ours.padStart(16)} | ${base.padStart(22)} | ${String(ratio).padStart(6)} | ${extra}`;
  console.log(
    `\n${cpus().length} cores, ${results.machine.cpuModel}, Node ${process.version}${quick ? ' (quick)' : ''}`,
  );
  console.log(row('stage', 'callpulse', 'baseline (same run)', 'ratio', 'notes'));
  console.log(
    row(
      'ingest',
      `${ingest.figures.ours}/s`,
      `${ingest.figures.baseline}/s bare http`,
      ingest.figures.ratio,
      `p50 ${ingest.figures.p50Ms} ms, p99 ${ingest.figures.p99Ms} ms, 50 connections`,
    ),
  );
  console.log(
    row(
      'redaction',
      `${redaction.on}/s on`,
      `${redaction.off}/s REDACT=off`,
      redaction.ratio,
      '1 fragment in 10 with personal data',
    ),
  );
  console.log(
    row(
      'analysis',
      `${analysis.ours}/s`,
      `${analysis.baseline}/s sentiment`,
      analysis.ratio,
      '20 lists × 25 terms',
    ),
  );
  console.log(
    row(
      'rules',
      `${rules.withRules} events/s`,
      `${rules.without}/s without rules`,
      rules.ratio,
      `${rules.rules} rules beside ${rules.lists} lists; state ${rules.stateBytesPerCall} B/call`,
    ),
  );
  console.log(
    `| replay     | ${replay.calls} stored calls in ${replay.seconds} s: ${replay.callsPerSecond} calls/s; +${replay.added} −${replay.removed}, diff ${replay.checked ? 'matches' : 'DOES NOT match'} the brute-force query`,
  );
  console.log(
    row(
      'writer',
      `${writer.figures.ours} rows/s`,
      `${writer.figures.baseline} rows/s COPY`,
      writer.figures.ratio,
      `${writer.figures.fragments} fragments + scores`,
    ),
  );
  console.log(
    `| e2e        | offered ${e2e.figures.offeredPerSec}/s: p50 ${e2e.figures.p50Ms} ms, p99 ${e2e.figures.p99Ms} ms, max ${e2e.figures.maxMs} ms; highest rate with p99 < 1 s: ${e2e.figures.maxRateP99Under1s ?? 'none'}/s (search ended: ${e2e.figures.searchEndedBy})`,
  );
  console.log(alertRow(alerts));
  console.log(`| memory     | peak RSS MB: ${JSON.stringify(results.memory)}`);
  console.log(`\nwrote bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await infra.close();
}
