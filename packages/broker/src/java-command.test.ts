import { describe, expect, it } from 'vitest';
import { brokerFiles } from './broker-files.js';
import { brokerJavaArgs } from './java-command.js';

describe('brokerJavaArgs', () => {
  const files = brokerFiles('/data/broker');
  const args = brokerJavaArgs({ files, classpath: '/cache/libs/*', heapMb: 384 });

  it('fixes the heap at heapMb', () => {
    expect(args).toContain('-Xmx384m');
    expect(args).toContain('-Xms384m');
  });

  it('logs into the data dir through the package log4j2 config', () => {
    expect(args).toContain('-Dkafka.logs.dir=/data/broker');
    expect(args.find((a) => a.startsWith('-Dlog4j2.configurationFile='))).toMatch(/log4j2\.yaml$/);
  });

  it('ends with the main class and the properties file, which is how stop and status find it', () => {
    expect(args.slice(-4)).toEqual([
      '-cp',
      '/cache/libs/*',
      'kafka.Kafka',
      '/data/broker/server.properties',
    ]);
  });
});
