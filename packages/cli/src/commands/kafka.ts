import { brokerStatus, startBroker, stopBroker, type StopBrokerResult } from '@callpulse/broker';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import { brokerDataDir, cacheDir, kafkaPort } from '../settings.js';

export const usage = `callpulse kafka start|stop|status [--port N]
  Runs a local single-node KRaft Kafka broker from the official jars (Maven resolves them
  once into ${'$'}CALLPULSE_CACHE_DIR, default ~/.cache/callpulse). Data and log: .callpulse/kafka.`;

/** What `kafka stop` says: whether a broker ran, and whether it had to be killed. */
export const stopMessage = (result: StopBrokerResult): string => {
  if (!result.wasRunning) return 'Kafka was not running';
  const pid = result.pid === undefined ? '' : `pid ${result.pid}`;
  return result.forced
    ? `Kafka stopped (${pid}; it ignored SIGTERM and was killed)`
    : `Kafka stopped${pid ? ` (${pid})` : ''}`;
};

export const run = async (argv: string[]): Promise<void> => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' } },
  });
  const port = values.port ? Number(values.port) : kafkaPort();
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new CliError(`--port: not a port: ${values.port}`);
  const dataDir = brokerDataDir();
  switch (positionals[0]) {
    case 'start': {
      const started = Date.now();
      const broker = await startBroker({
        port,
        dataDir,
        cacheDir: cacheDir(),
        onProgress: (line: string) => console.error(`kafka: ${line}`),
      });
      console.log(
        `Kafka ready at ${broker.brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${broker.pid})`,
      );
      console.log(`log: ${broker.logFile}`);
      return;
    }
    case 'stop': {
      console.log(stopMessage(await stopBroker({ dataDir })));
      return;
    }
    case 'status': {
      const status = await brokerStatus({ dataDir, port });
      console.log(
        status.running
          ? `Kafka running (pid ${status.pid}) at ${status.brokers}, ${status.answering ? 'answering' : 'NOT answering'}; log: ${status.logFile}`
          : 'Kafka is not running',
      );
      if (!status.running || !status.answering) process.exitCode = 3;
      return;
    }
    default:
      throw new CliError(`usage: ${usage}`);
  }
};
