/** What varies between brokers; everything else in server.properties is fixed below. */
export interface ServerConfig {
  host: string;
  port: number;
  controllerPort: number;
  /** The node's id, used both as broker and as the single KRaft voter. */
  nodeId: number;
  kafkaDataDir: string;
  maxMessageBytes: number;
}

type Entry = readonly [key: string, value: string | number | boolean, why: string];

function entries(c: ServerConfig): Entry[] {
  return [
    ['process.roles', 'broker,controller', 'one JVM is both the broker and the KRaft quorum'],
    ['node.id', c.nodeId, 'the only node; also the only voter below'],
    [
      'controller.quorum.voters',
      `${c.nodeId}@${c.host}:${c.controllerPort}`,
      'a static one-voter quorum: survives port changes between runs, unlike --standalone',
    ],
    [
      'listeners',
      `PLAINTEXT://${c.host}:${c.port},CONTROLLER://${c.host}:${c.controllerPort}`,
      'clients on the first port, the KRaft controller on the second',
    ],
    [
      'advertised.listeners',
      `PLAINTEXT://${c.host}:${c.port}`,
      'what clients are told to reconnect to',
    ],
    ['controller.listener.names', 'CONTROLLER', 'which listener speaks the KRaft protocol'],
    [
      'inter.broker.listener.name',
      'PLAINTEXT',
      'replication traffic; unused with one node but required',
    ],
    [
      'listener.security.protocol.map',
      'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'a local development broker: no TLS, no SASL',
    ],
    ['log.dirs', c.kafkaDataDir, 'partitions and the metadata log stay inside the data dir'],
    ['num.partitions', 1, 'default for topics created without a count'],
    ['offsets.topic.replication.factor', 1, 'the default of 3 cannot be met by one node'],
    ['transaction.state.log.replication.factor', 1, 'same, for transactions'],
    ['transaction.state.log.min.isr', 1, 'same, for transactions'],
    ['share.coordinator.state.topic.replication.factor', 1, 'same, for share groups (Kafka 4.x)'],
    ['share.coordinator.state.topic.min.isr', 1, 'same, for share groups (Kafka 4.x)'],
    [
      'group.initial.rebalance.delay.ms',
      0,
      'consumers in tests and dev join at once instead of waiting 3 s',
    ],
    ['auto.create.topics.enable', false, 'topics are created explicitly, as in production'],
    [
      'broker.session.timeout.ms',
      3000,
      'after a crash or kill -9 the restarted broker waits out the old session: 3 s, not 9 s',
    ],
    ['broker.heartbeat.interval.ms', 1000, 'three heartbeats per session, as the defaults have'],
    [
      'message.max.bytes',
      c.maxMessageBytes,
      'ingest accepts 1 MiB webhook bodies; with the envelope a record can reach 2 MiB',
    ],
    ['replica.fetch.max.bytes', c.maxMessageBytes, 'must not be below message.max.bytes'],
  ];
}

/** The server.properties text for one broker, with a comment saying why for each setting. */
export function renderServerProperties(config: ServerConfig): string {
  const lines = [
    '# Written by @callpulse/broker on every start: change the startBroker options, not this file.',
  ];
  for (const [key, value, why] of entries(config)) {
    lines.push('', `# ${why}`, `${key}=${escapeValue(String(value))}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Kafka reads the file with java.util.Properties from a byte stream, that is as ISO-8859-1
 * with backslash escapes: a data dir under a non-ASCII home folder must be written as \uXXXX.
 */
function escapeValue(value: string): string {
  let escaped = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '\\') escaped += '\\\\';
    else if (code < 0x20 || code > 0x7e) {
      for (let i = 0; i < char.length; i++) {
        escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
      }
    } else escaped += char;
  }
  return escaped;
}

/** Reads one `key=value` line back; enough for the files this module writes. */
export function readProperty(text: string, key: string): string | undefined {
  const prefix = `${key}=`;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

/** The client address in a server.properties written by renderServerProperties. */
export function readAdvertisedAddress(text: string): { host: string; port: number } | undefined {
  const listener = readProperty(text, 'advertised.listeners');
  const match = listener === undefined ? null : /^PLAINTEXT:\/\/(.+):(\d+)$/.exec(listener);
  if (match === null) return undefined;
  return { host: match[1] ?? '', port: Number(match[2]) };
}
