import { describe, expect, it } from 'vitest';
import { brokerFiles } from '../broker-files.js';
import { isBrokerCommand } from './broker-process.js';

describe('isBrokerCommand', () => {
  const files = brokerFiles('/data/a');

  it('recognises the broker started from this data dir', () => {
    expect(
      isBrokerCommand('java -Xmx512m -cp /c/libs/* kafka.Kafka /data/a/server.properties', files),
    ).toBe(true);
  });

  it('ignores brokers of other data dirs and unrelated processes that reuse the pid', () => {
    expect(
      isBrokerCommand('java -cp /c/libs/* kafka.Kafka /data/ab/server.properties', files),
    ).toBe(false);
    expect(
      isBrokerCommand(
        'java -cp x kafka.tools.StorageTool format --config=/data/a/server.properties',
        files,
      ),
    ).toBe(false);
    expect(isBrokerCommand('vim /data/a/server.properties', files)).toBe(false);
  });
});
