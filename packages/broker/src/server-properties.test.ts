import { describe, expect, it } from 'vitest';
import {
  readAdvertisedAddress,
  readProperty,
  renderServerProperties,
  type ServerConfig,
} from './server-properties.js';

const config: ServerConfig = {
  host: '127.0.0.1',
  port: 19092,
  controllerPort: 19093,
  nodeId: 1,
  kafkaDataDir: '/var/tmp/callpulse/kafka-data',
  maxMessageBytes: 3 * 1024 * 1024,
};

function parse(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    expect(at, `no '=' in ${line}`).toBeGreaterThan(0);
    expect(map.has(line.slice(0, at)), `duplicate ${line}`).toBe(false);
    map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

describe('renderServerProperties', () => {
  it('configures a single combined KRaft node on the two ports', () => {
    const props = parse(renderServerProperties(config));
    expect(Object.fromEntries(props)).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:19093',
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092',
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'log.dirs': '/var/tmp/callpulse/kafka-data',
      'num.partitions': '1',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'false',
    });
    // --standalone formatting requires the dynamic-quorum setting instead; never both.
    expect(props.has('controller.quorum.bootstrap.servers')).toBe(false);
  });

  it('lets a 2 MiB record with headers through', () => {
    const props = parse(renderServerProperties(config));
    const twoMiB = 2 * 1024 * 1024;
    expect(Number(props.get('message.max.bytes'))).toBeGreaterThan(twoMiB + 64 * 1024);
    expect(Number(props.get('replica.fetch.max.bytes'))).toBeGreaterThanOrEqual(
      Number(props.get('message.max.bytes')),
    );
  });

  it('explains every setting with a comment line', () => {
    const lines = renderServerProperties(config).split('\n');
    lines.forEach((line, i) => {
      if (line.includes('=') && !line.startsWith('#')) expect(lines[i - 1]).toMatch(/^# \S/);
    });
  });

  it('writes paths Java reads back unchanged: backslashes and non-ASCII escaped', () => {
    const text = renderServerProperties({ ...config, kafkaDataDir: '/home/zoë/data\\dir' });
    expect(readProperty(text, 'log.dirs')).toBe('/home/zo\\u00eb/data\\\\dir');
  });
});

describe('readAdvertisedAddress', () => {
  it('reads back the client address the file was rendered with', () => {
    expect(readAdvertisedAddress(renderServerProperties(config))).toEqual({
      host: '127.0.0.1',
      port: 19092,
    });
  });

  it('is undefined for a file without it', () => {
    expect(readAdvertisedAddress('node.id=1\n')).toBeUndefined();
  });
});
